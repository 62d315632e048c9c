"""The session store: what a teacher keeps between requests, and when it stops being kept."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from lor_dashboard.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_the_default_engine_is_this_store():
    assert settings.SESSION_ENGINE == "lor_dashboard.core.sessions"


def test_a_saved_session_is_read_back():
    key = saved(lor={"user": "u1"})
    assert SessionStore(key).load() == {"lor": {"user": "u1"}}


def test_an_expired_session_reads_as_empty():
    key = saved(lor={"user": "u1"})
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert SessionStore(key).load() == {}


def test_an_expired_session_is_not_saved_back_under_its_old_key():
    key = saved(lor={"user": "u1"})
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    store = SessionStore(key)
    store["next"] = "/favorites/"
    store.save()
    assert store.session_key != key


def test_an_unknown_key_reads_as_empty():
    assert SessionStore("k" * 32).load() == {}
