"""The imports page filters and sorts like favorites: every import read (one call for most
teachers), narrowed by ?q=&type=&sort=, a window of cards with "Show more"."""
from __future__ import annotations

import re

import pytest

from lor_dashboard.core.text import TYPE_LABELS

from .conftest import HTMX, body
from .helpers import announced, element, elements, imports_count, sandbox_imports, titles


def a_word_in_one_title(imports: list[dict]) -> tuple[str, str]:
    """A word that appears in exactly one import's title (and nowhere else in the others), and that title."""
    for item in imports:
        for word in re.findall(r"[A-Za-z]{5,}", item["title"]):
            others = [i for i in imports if i is not item and word.casefold() in repr(i).casefold()]
            if not others:
                return word, item["title"]
    raise AssertionError("no import has a word of its own")


@pytest.mark.django_db
class ImportFilterTests:
    def test_every_import_is_listed(self, teacher, sandbox):
        assert len(titles(body(teacher.get("/imports/")))) == len(sandbox_imports(sandbox))

    def test_the_count_says_how_many(self, teacher, sandbox):
        assert f"{len(sandbox_imports(sandbox))} imported resources." in body(teacher.get("/imports/"))

    def test_words_narrow_the_list(self, teacher, sandbox):
        word, title = a_word_in_one_title(sandbox_imports(sandbox))
        assert titles(body(teacher.get(f"/imports/?q={word}"))) == [title]

    def test_a_narrowed_count_says_of_how_many(self, teacher, sandbox):
        word, _ = a_word_in_one_title(sandbox_imports(sandbox))
        assert f"1 of {len(sandbox_imports(sandbox))} imports match." in body(teacher.get(f"/imports/?q={word}"))

    def test_a_type_narrows_the_list(self, teacher, sandbox):
        imports = sandbox_imports(sandbox)
        kind = imports[0]["type"]
        expected = {i["title"] for i in imports if i["type"] == kind}
        assert set(titles(body(teacher.get(f"/imports/?type={kind}")))) == expected

    def test_most_recently_imported_first_by_default(self, teacher, sandbox):
        assert titles(body(teacher.get("/imports/"))) == [i["title"] for i in sandbox_imports(sandbox)]

    def test_sort_by_update_date(self, teacher, sandbox):
        dates = {i["title"]: i.get("updateDate") or "" for i in sandbox_imports(sandbox)}
        shown = titles(body(teacher.get("/imports/?sort=updated")))
        assert [dates[t] for t in shown] == sorted(dates.values(), reverse=True)

    def test_sort_by_title(self, teacher, sandbox):
        shown = titles(body(teacher.get("/imports/?sort=title")))
        assert shown == sorted(shown, key=str.casefold)

    def test_nothing_matching_offers_the_whole_list(self, teacher, sandbox):
        html = body(teacher.get("/imports/?q=zzqxnothing"))
        assert [a.attrs["href"] for a in elements(html, "a") if a.text == "Show all"] == ["/imports/"]

    def test_nothing_matching_says_so(self, teacher, sandbox):
        assert "No imports match." in body(teacher.get("/imports/?q=zzqxnothing"))

    def test_htmx_gets_the_results_only(self, teacher, sandbox):
        html = body(teacher.get("/imports/?q=water", headers=HTMX))
        assert "<h1>" not in html

    def test_htmx_announces_the_count(self, teacher, sandbox):
        html = body(teacher.get("/imports/?q=zzqxnothing", headers=HTMX))
        assert announced(html) == f"0 of {imports_count(sandbox)} imports match."

    def test_the_filter_is_labelled(self, teacher, sandbox):
        assert element(body(teacher.get("/imports/")), "label", **{"for": "id_q"}).text == "Filter imports"

    def test_types_are_offered_in_words(self, teacher, sandbox):
        kind = sandbox_imports(sandbox)[0]["type"]
        assert element(body(teacher.get("/imports/")), "option", value=kind).text == str(TYPE_LABELS[kind])


@pytest.mark.django_db
class ImportWindowTests:
    @pytest.fixture(autouse=True)
    def short_pages(self, monkeypatch):
        monkeypatch.setattr("lor_dashboard.core.listing.PAGE", 10)

    def test_the_page_renders_one_window(self, teacher, sandbox):
        assert len(titles(body(teacher.get("/imports/")))) == 10

    def test_show_more_keeps_the_filter_and_sort(self, teacher, sandbox):
        assert elements(body(teacher.get("/imports/?sort=title")), "a", href="?q=&type=&sort=title&start=10")

    def test_the_first_new_import_takes_focus(self, teacher, sandbox):
        first = elements(body(teacher.get("/imports/?start=10", headers=HTMX)))[0]
        assert (first.tag, first.attrs.get("tabindex"), "autofocus" in first.attrs) == ("li", "-1", True)

    def test_only_the_first_new_import_takes_focus(self, teacher, sandbox):
        assert len(elements(body(teacher.get("/imports/?start=10", headers=HTMX)), autofocus=True)) == 1

    def test_how_many_arrived_is_announced(self, teacher, sandbox):
        html = body(teacher.get("/imports/?start=10", headers=HTMX))
        assert announced(html) == f"{min(10, imports_count(sandbox) - 10)} more imports shown."

    def test_a_first_page_takes_no_focus(self, teacher, sandbox):
        teacher.get("/imports/")  # the sign-in message, which takes focus, is shown here
        assert elements(body(teacher.get("/imports/")), "li", tabindex=True) == []


@pytest.mark.django_db
class ImportWalkTests:
    def test_more_imports_than_read_is_said(self, teacher, sandbox, monkeypatch):
        monkeypatch.setattr("lor_dashboard.imports.service.PAGE_SIZE", 5)
        monkeypatch.setattr("lor_dashboard.imports.service.MAX_IMPORT_PAGES", 2)
        assert "the list, filter and sort cover the first 10." in body(teacher.get("/imports/"))

    def test_all_imports_read_says_nothing_of_it(self, teacher, sandbox):
        assert "cover the first" not in body(teacher.get("/imports/"))
