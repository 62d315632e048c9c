"""The session store: what a teacher keeps between requests, and when it stops being kept.
Django's own database store (a faster read was not worth overriding its private method)."""
from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

pytestmark = pytest.mark.django_db


def store(key: str | None = None):
    return import_module(settings.SESSION_ENGINE).SessionStore(key)


def saved(**data) -> str:
    session = store()
    session.update(data)
    session.save()
    return session.session_key


def test_the_default_engine_keeps_sessions_in_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_a_saved_session_is_read_back():
    key = saved(lor={"user": "u1"})
    assert store(key).load() == {"lor": {"user": "u1"}}


def test_an_expired_session_reads_as_empty():
    key = saved(lor={"user": "u1"})
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert store(key).load() == {}


def test_an_expired_session_is_not_saved_back_under_its_old_key():
    key = saved(lor={"user": "u1"})
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    session = store(key)
    session["next"] = "/favorites/"
    session.save()
    assert session.session_key != key


def test_an_unknown_key_reads_as_empty():
    assert store("k" * 32).load() == {}
