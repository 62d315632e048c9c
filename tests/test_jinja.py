"""The template engine's helpers: sanitising, previews, dates, block rendering."""
from __future__ import annotations

from datetime import datetime, timezone

from django.template.loader import render_to_string

from lor_dashboard.core.jinja import preview, qs, sanitize, title_link, when


class SanitizeTests:
    def test_scripts_go(self):
        assert "<script" not in sanitize("<p>Hi</p><script>alert(1)</script>")

    def test_paragraphs_stay(self):
        assert sanitize("<p>Hi <em>there</em></p>") == "<p>Hi <em>there</em></p>"

    def test_attributes_go(self):
        assert sanitize('<p onclick="x()">Hi</p>') == "<p>Hi</p>"

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


class QueryValueTests:
    def test_every_reserved_character_is_quoted(self):
        assert qs("a/b&c=d e") == "a%2Fb%26c%3Dd%20e"


class BlockRenderingTests:
    def test_a_named_block_renders_alone(self):
        html = render_to_string("core/problem.html#problem", {"title": "Oops", "detail": "Try again", "retry_url": ""})
        assert html.strip().startswith('<div class="problem" role="alert">')

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
