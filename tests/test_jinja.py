"""The template engine's helpers: sanitising, previews, dates, block rendering; and the caches
the engine keeps, each held to what Django's own function gives."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import jinja2
import pytest
from django.template import TemplateSyntaxError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import formats, translation
from django.utils import timezone as django_timezone

from lor_dashboard.core import jinja
from lor_dashboard.core.jinja import preview, qs, sanitize, title_link, url, when

from .helpers import element
from .routes import SAMPLES, pattern_of


class SanitizeTests:
    def test_scripts_go(self):
        assert "<script" not in sanitize("<p>Hi</p><script>alert(1)</script>")

    def test_paragraphs_stay(self):
        assert sanitize("<p>Hi <em>there</em></p>") == "<p>Hi <em>there</em></p>"

    def test_attributes_go(self):
        assert sanitize('<p onclick="x()">Hi</p>') == "<p>Hi</p>"

    def test_a_text_too_long_to_keep_is_cleaned_the_same(self):
        text = "<p>a</p><script>x</script>" + "b" * jinja.CACHED_TEXT
        assert sanitize(text) == "<p>a</p>" + "b" * jinja.CACHED_TEXT

    def test_a_text_too_long_to_keep_is_not_kept(self):
        before = jinja._clean.cache_info().currsize
        sanitize("c" * (jinja.CACHED_TEXT + 1))
        assert jinja._clean.cache_info().currsize == before

    def test_none_is_empty(self):
        assert sanitize(None) == ""


class PreviewTests:
    def test_tags_are_stripped(self):
        assert preview("<p>Hello <b>world</b></p>") == "Hello world"

    def test_long_text_is_cut_with_an_ellipsis(self):
        assert preview("word " * 100, 20).endswith("…")

    def test_cut_text_fits_the_length(self):
        assert len(preview("word " * 100, 20)) <= 20

    def test_entities_come_back_as_text_for_escaping_later(self):
        assert preview("<p>a &amp; b</p>") == "a & b"


class WhenTests:
    def test_readable_date_with_exact_time_on_hover(self):
        html = when(datetime(2025, 3, 2, 9, 30, tzinfo=timezone.utc))
        assert html == '<time datetime="2025-03-02T09:30:00+00:00" title="2025-03-02 09:30 UTC">Mar 2, 2025</time>'

    def test_no_date_is_nothing(self):
        assert when(None) == ""

    def test_the_page_language_formats_it_as_django_does(self):
        moment = datetime(2025, 3, 2, 9, 30, tzinfo=timezone.utc)
        when(moment)  # remembered in English first
        with translation.override("es"):
            assert f">{formats.date_format(moment, 'DATE_FORMAT')}</time>" in when(moment)

    def test_an_active_time_zone_is_honoured_as_django_does(self):
        moment = datetime(2025, 3, 2, 1, 30, tzinfo=timezone.utc)
        when(moment)  # remembered in UTC first
        with django_timezone.override("America/New_York"):
            expected = django_timezone.localtime(moment).isoformat()
            assert f'datetime="{expected}"' in when(moment)


def _positional(name: str) -> tuple[str, ...]:
    return tuple(SAMPLES[name].args[arg] for arg in re.findall(r"<(?:\w+:)?(\w+)>", pattern_of(name)))


def _reverse_or_none(name: str, args: tuple) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


class URLTests:
    @pytest.mark.parametrize("name", sorted(SAMPLES))
    def test_every_route_reverses_as_django_does(self, name):
        args = _positional(name)
        expected = _reverse_or_none(name, args)
        if expected is None:
            with pytest.raises(NoReverseMatch):
                url(name, *args)
        else:
            assert url(name, *args) == expected

    def test_a_script_prefix_is_honoured_after_the_url_was_remembered(self):
        url("favorites:list")
        set_script_prefix("/lor/")
        try:
            assert url("favorites:list") == reverse("favorites:list")
        finally:
            set_script_prefix("/")

    def test_what_is_remembered_is_bounded(self):
        assert jinja._reversed.cache_info().maxsize is not None


class QueryValueTests:
    def test_every_reserved_character_is_quoted(self):
        assert qs("a/b&c=d e") == "a%2Fb%26c%3Dd%20e"


class BlockRenderingTests:
    def test_a_named_block_renders_alone(self):
        html = render_to_string("core/problem.html#problem", {"title": "Oops", "detail": "Try again", "retry_url": ""})
        assert element(html, cls="problem").parents == ()

    def test_a_block_gets_the_request_as_a_page_does(self):
        backend = _engine({"page.html": "<p>page</p>{% block b %}{{ request.path }}{% endblock %}"})
        request = RequestFactory().get("/favorites/")
        assert backend.get_template("page.html#b").render({}, request) == "/favorites/"

    def test_a_broken_include_in_a_block_is_reported_as_django_reports_it(self):
        backend = _engine({"page.html": "{% block b %}{% include 'broken.html' %}{% endblock %}", "broken.html": "{% if %}"})
        with pytest.raises(TemplateSyntaxError):
            backend.get_template("page.html#b").render({})

    def test_the_whole_template_still_renders_the_page(self):
        html = render_to_string("core/problem.html", {"title": "Oops", "detail": "Try again", "retry_url": ""})
        assert html.startswith("<!doctype html>")

    def test_text_is_escaped(self):
        html = render_to_string("core/problem.html#problem", {"title": "<b>x</b>", "detail": "", "retry_url": ""})
        assert "<b>x</b>" not in html


class TitleLinkTests:
    def test_a_title_with_somewhere_to_go_is_a_link(self):
        assert title_link("/x/", "Maps") == '<a href="/x/">Maps</a>'

    def test_without_href_it_is_text(self):
        assert title_link("", "Maps") == "Maps"

    def test_no_title_says_so(self):
        assert title_link("", "") == "Untitled resource"

    def test_the_title_is_escaped(self):
        assert "<script>" not in title_link("/x/", "<script>alert(1)</script>")

    def test_it_can_take_focus(self):
        assert title_link("/x/", "Maps", autofocus=True) == '<a href="/x/" autofocus>Maps</a>'


def _engine(templates: dict[str, str]) -> jinja.Jinja2WithFragments:
    return jinja.Jinja2WithFragments({"NAME": "test", "DIRS": [], "APP_DIRS": False, "OPTIONS": {
        "loader": jinja2.DictLoader(templates), "environment": "lor_dashboard.core.jinja.environment"}})
