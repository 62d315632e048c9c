"""Favorites: page vs fragment, filter and sort, add, remove, undo, bulk, CSV, JS-off posts."""
from __future__ import annotations

import csv
import dataclasses
import io
import re

import pytest
import requests
from django.utils.html import escape

from lor_dashboard.lor import LORNotFound, LORUnavailable
from lor_dashboard.lor.client import LORClient

from .conftest import HTMX, body, undo_data
from .helpers import all_resources, announced, element, elements, favorite_ids, titles
from .servers import sandbox_actions

ME = "u-maria"


@pytest.mark.django_db
class FavoriteListTests:
    def test_the_page_lists_every_favorite_with_the_add_form(self, teacher, sandbox):
        html = body(teacher.get("/favorites/"))
        assert "<html" in html
        assert element(html, id="favorites-count").text == f"{len(favorite_ids(sandbox))} favorites."
        assert len(titles(html)) == len(favorite_ids(sandbox))
        assert element(html, "label", **{"for": "id_resource_id"}).text == "Resource ID"
        assert element(html, "input", id="id_resource_id").attrs["name"] == "resource_id"

    def test_htmx_gets_the_results_fragment_after_its_title(self, teacher, sandbox):
        html = body(teacher.get("/favorites/?q=quiz", headers=HTMX))
        assert re.match(r'\s*<title>[^<]*</title>\s*<section id="favorites-results"', html)

    def test_htmx_fragment_is_not_a_whole_page(self, teacher, sandbox):
        html = body(teacher.get("/favorites/?q=quiz", headers=HTMX))
        assert "<html" not in html

    def test_history_restore_gets_the_whole_page(self, teacher, sandbox):
        html = body(teacher.get("/favorites/?q=quiz", headers={**HTMX, "HX-History-Restore-Request": "true"}))
        assert "<html" in html
        assert element(html, "input", name="q").attrs["value"] == "quiz"

    def test_filter_by_text_and_type_and_sort_by_title(self, teacher, sandbox):
        all_titles = titles(body(teacher.get("/favorites/?sort=title")))
        assert all_titles == sorted(all_titles, key=str.casefold)
        quiz = body(teacher.get("/favorites/?type=quiz"))
        assert titles(quiz)
        assert all(": Quiz" in t for t in titles(quiz))
        assert f"of {len(favorite_ids(sandbox))} favorites match" in quiz
        text = titles(body(teacher.get("/favorites/?q=ESSAY")))
        assert text
        assert all("Essay" in t for t in text)

    def test_unknown_type_and_sort_are_ignored(self, teacher, sandbox):
        html = body(teacher.get("/favorites/?type=<script>&sort=evil"))
        assert len(titles(html)) == len(favorite_ids(sandbox))
        assert "<script>" not in html

    def test_no_match_says_so(self, teacher, sandbox):
        assert "No favorites match" in body(teacher.get("/favorites/?q=zzzzzz"))


@pytest.mark.django_db
class AddFavoriteTests:
    def test_add_without_javascript_redirects_back_with_a_message(self, teacher, sandbox):
        all_ids = [r["id"] for r in requests.get(f"{sandbox.url}/api/resources?size=100", headers={"X-Session-ID": "demo-teacher"}, timeout=5).json()["items"]]
        new = next(i for i in all_ids if i not in favorite_ids(sandbox))
        response = teacher.post("/favorites/add/", {"resource_id": new, "next": "/favorites/?sort=title"}, follow=True)
        assert response.redirect_chain == [("/favorites/?sort=title", 302)]
        assert f"Added resource {new}" in body(response)
        assert new in favorite_ids(sandbox)

    def test_duplicate_is_harmless(self, teacher, sandbox):
        before = favorite_ids(sandbox)
        teacher.post("/favorites/add/", {"resource_id": before[0]})
        assert favorite_ids(sandbox) == before

    @pytest.mark.parametrize("bad", ["doesnotexist", "../etc", ""])
    def test_unknown_id_is_an_inline_error(self, teacher, sandbox, bad):
        response = teacher.post("/favorites/add/", {"resource_id": bad})
        assert response.status_code == 200
        assert element(body(response), "input", name="resource_id").attrs["aria-invalid"] == "true"
        assert "<html" in body(response)

    @pytest.mark.parametrize("bad", ["doesnotexist", ""])
    def test_the_error_is_tied_to_the_field(self, teacher, sandbox, bad):
        html = body(teacher.post("/favorites/add/", {"resource_id": bad}))
        field = element(html, "input", name="resource_id")
        assert "Error:" in element(html, "p", id=field.attrs["aria-describedby"]).text

    def test_the_field_says_the_forms_words(self, teacher, sandbox):
        html = body(teacher.get("/favorites/"))
        field = element(html, "input", name="resource_id")
        assert element(html, "label", **{"for": field.attrs["id"]}).text == "Resource ID"

    def test_an_unbound_field_is_not_described_by_an_error(self, teacher, sandbox):
        assert "aria-describedby" not in element(body(teacher.get("/favorites/")), "input", name="resource_id").attrs

    def test_the_field_keeps_what_was_typed(self, teacher, sandbox):
        html = body(teacher.post("/favorites/add/", {"resource_id": "doesnotexist"}))
        assert element(html, "input", name="resource_id").attrs.get("value") == "doesnotexist"

    def test_the_swapped_form_puts_focus_on_the_field_with_the_error(self, teacher, sandbox):
        html = body(teacher.post("/favorites/add/", {"resource_id": "doesnotexist"}, headers=HTMX))
        assert "autofocus" in element(html, "input", name="resource_id").attrs

    def test_the_full_page_leaves_focus_to_the_error_summary(self, teacher, sandbox):
        html = body(teacher.post("/favorites/add/", {"resource_id": "doesnotexist"}))
        assert "autofocus" not in element(html, "input", name="resource_id").attrs

    def test_unknown_id_with_htmx_swaps_the_form(self, teacher, sandbox):
        response = teacher.post("/favorites/add/", {"resource_id": "doesnotexist"}, headers=HTMX)
        assert response["HX-Retarget"] == "#add-favorite"
        assert elements(body(response))[0].attrs.get("id") == "add-favorite"  # the answer is the form itself
        assert "Commons has no resource with this id" in body(response)


@pytest.mark.django_db
class AddByIdOutcomeTests:
    def test_a_duplicate_is_not_added_again(self, teacher, sandbox):
        teacher.post("/favorites/add/", {"resource_id": favorite_ids(sandbox)[0], "next": "/favorites/"})
        assert [a for a in sandbox_actions(sandbox) if a["kind"] == "favorite"] == []

    def test_a_duplicate_is_said(self, teacher, sandbox):
        page = body(teacher.post("/favorites/add/", {"resource_id": favorite_ids(sandbox)[0], "next": "/favorites/"},
                                 follow=True))
        assert "is already in your favorites." in page

    @pytest.fixture
    def after_an_error(self, teacher, sandbox):
        teacher.post("/favorites/add/", {"resource_id": "no-such-resource", "next": "/favorites/"}, headers=HTMX)
        rid = next(r["id"] for r in all_resources(sandbox) if r["id"] not in favorite_ids(sandbox))
        html = body(teacher.post("/favorites/add/", {"resource_id": rid, "next": "/favorites/"}, headers=HTMX))
        return rid, html

    def test_success_after_an_error_brings_a_fresh_form(self, after_an_error):
        form = element(after_an_error[1], "form", id="add-favorite", hx_swap_oob="outerHTML")
        assert "Error:" not in form.text

    def test_success_names_what_was_added(self, after_an_error, sandbox):
        rid, html = after_an_error
        title = next(r["title"] for r in all_resources(sandbox) if r["id"] == rid)
        assert f"Added “{escape(title)}” to your favorites." in html


@pytest.mark.django_db
class RemoveFavoriteTests:
    @pytest.fixture
    def removed_in_place(self, teacher, sandbox):
        rid = favorite_ids(sandbox)[0]
        html = body(teacher.post(f"/favorites/{rid}/remove/", {"title": "Cells", "next": "/favorites/"}, headers=HTMX))
        return rid, html

    def test_htmx_remove_answers_with_the_line_in_the_cards_place(self, removed_in_place):
        assert "removed" in elements(removed_in_place[1])[0].classes  # the answer starts with the li that swaps in

    def test_the_line_says_what_was_removed(self, removed_in_place):
        assert element(removed_in_place[1], "p", cls="removed-line").inside("li", "removed")

    def test_the_line_names_the_removed_favorite(self, removed_in_place):
        assert element(removed_in_place[1], "p", cls="removed-line").text == "Removed “Cells”."

    def test_focus_goes_to_its_undo(self, removed_in_place):
        assert element(removed_in_place[1], autofocus=True).tag == "button"

    def test_its_undo_says_what_it_undoes(self, removed_in_place):
        assert element(removed_in_place[1], "button", autofocus=True).text == "Undo removing “Cells”"

    def test_an_undo_in_place_that_finds_nothing_says_so_in_place(self, removed_in_place, teacher):
        token = undo_data(removed_in_place[1])
        teacher.post("/favorites/undo/", token, headers=HTMX)
        again = body(teacher.post("/favorites/undo/", token, headers=HTMX))
        said = element(again, autofocus=True)
        assert (said.tag, said.attrs.get("tabindex"), said.inside("li", "removed")) == ("p", "-1", True)
        assert said.text.startswith("There is nothing to undo")

    def test_an_undo_in_place_that_fails_leaves_the_line(self, removed_in_place, teacher, monkeypatch):
        def refuse(*args, **kwargs):
            raise LORUnavailable("Commons is not answering.")

        monkeypatch.setattr(LORClient, "add_favorite", refuse)
        response = teacher.post("/favorites/undo/", undo_data(removed_in_place[1]), headers=HTMX)
        assert response["HX-Reswap"] == "none"

    def test_the_line_offers_undo(self, removed_in_place):
        assert undo_data(removed_in_place[1])["in_place"] == "yes"

    def test_the_count_follows_out_of_band(self, removed_in_place, sandbox):
        count = element(removed_in_place[1], id="favorites-count", hx_swap_oob="true")
        assert count.text == f"{len(favorite_ids(sandbox))} favorites."

    def test_the_removal_is_announced_in_the_status_region(self, removed_in_place):
        assert announced(removed_in_place[1]) == "Removed “Cells”."

    def test_the_favorite_is_gone(self, removed_in_place, sandbox):
        assert removed_in_place[0] not in favorite_ids(sandbox)

    def test_undo_in_place_brings_the_card_back_with_focus_on_its_title(self, removed_in_place, teacher):
        html = body(teacher.post("/favorites/undo/", undo_data(removed_in_place[1]), headers=HTMX))
        focused = element(html, autofocus=True)
        assert (focused.tag, focused.attrs["href"], focused.inside("article", "card")) == (
            "a", f"/resources/{removed_in_place[0]}/", True)

    def test_undo_in_place_of_an_untitled_favorite_names_its_id(self, removed_in_place, teacher, monkeypatch):
        listed = LORClient.list_favorites
        monkeypatch.setattr(LORClient, "list_favorites",
                            lambda self, creds: tuple(dataclasses.replace(r, title="") for r in listed(self, creds)))
        html = body(teacher.post("/favorites/undo/", undo_data(removed_in_place[1]), headers=HTMX))
        assert announced(html) == f"Restored “{removed_in_place[0]}”."

    def test_undo_in_place_restores(self, removed_in_place, teacher, sandbox):
        teacher.post("/favorites/undo/", undo_data(removed_in_place[1]), headers=HTMX)
        assert removed_in_place[0] in favorite_ids(sandbox)

    def test_htmx_remove_that_fails_keeps_the_card(self, teacher, sandbox, monkeypatch):
        def refuse(*args, **kwargs):
            raise LORUnavailable("Commons is not answering.")

        monkeypatch.setattr(LORClient, "remove_favorite", refuse)
        response = teacher.post(f"/favorites/{favorite_ids(sandbox)[0]}/remove/", headers=HTMX)
        assert response["HX-Reswap"] == "none"

    def test_remove_then_undo_without_javascript(self, teacher, sandbox):
        rid = favorite_ids(sandbox)[0]
        page = teacher.post(f"/favorites/{rid}/remove/", {"next": "/favorites/?q="}, follow=True)
        assert page.redirect_chain == [("/favorites/?q=", 302)]
        assert "Removed 1 favorite." in body(page)
        assert ">Undo</button>" in body(page)
        restored = teacher.post("/favorites/undo/", undo_data(body(page)), follow=True)
        assert "Restored 1 favorite." in body(restored)
        assert rid in favorite_ids(sandbox)

    def test_bulk_remove_and_undo(self, teacher, sandbox):
        ids = favorite_ids(sandbox)[:3]
        page = teacher.post("/favorites/remove/", {"resource_ids": ids, "next": "/favorites/"}, follow=True)
        assert "Removed 3 favorites: “" in body(page)
        assert not set(ids) & set(favorite_ids(sandbox))
        teacher.post("/favorites/undo/", undo_data(body(page)))
        assert set(ids) <= set(favorite_ids(sandbox))

    @pytest.fixture
    def failed_undo(self, teacher, sandbox, monkeypatch):
        """``failed_undo(error)``: an Undo whose restore Commons answers with ``error``; the page."""
        def undo(error):
            rid = favorite_ids(sandbox)[0]
            token = undo_data(body(teacher.post(f"/favorites/{rid}/remove/", {"next": "/favorites/"}, follow=True)))

            def refuse(*args, **kwargs):
                raise error

            with monkeypatch.context() as patch:
                patch.setattr(LORClient, "add_favorite", refuse)
                page = body(teacher.post("/favorites/undo/", token, follow=True))
            return rid, token, page

        return undo

    def test_undo_that_commons_could_not_answer_can_be_tried_again(self, teacher, sandbox, failed_undo):
        rid, token, _ = failed_undo(LORUnavailable("Commons is not answering."))
        teacher.post("/favorites/undo/", token)
        assert rid in favorite_ids(sandbox)

    def test_undo_of_a_resource_that_is_gone_says_so(self, failed_undo):
        _, _, page = failed_undo(LORNotFound("gone"))
        assert "Commons no longer offers it" in page

    def test_undo_of_a_resource_that_is_gone_is_not_offered_again(self, failed_undo):
        _, _, page = failed_undo(LORNotFound("gone"))
        assert elements(page, name="undo") == []

    def test_bulk_remove_with_nothing_selected(self, teacher, sandbox):
        before = favorite_ids(sandbox)
        page = teacher.post("/favorites/remove/", {"next": "/favorites/"}, follow=True)
        assert "Select at least one favorite" in body(page)
        assert favorite_ids(sandbox) == before

    def test_the_star_removes_then_adds_a_favorite(self, teacher, sandbox):
        rid = favorite_ids(sandbox)[0]
        html = body(teacher.post(f"/favorites/{rid}/star/", {"action": "remove", "next": "/imports/"}, headers=HTMX))
        assert element(html, "button", cls="star-toggle").attrs["aria-pressed"] == "false"
        assert rid not in favorite_ids(sandbox)
        response = teacher.post(f"/favorites/{rid}/star/", {"action": "add", "next": "/imports/"})
        assert response["Location"] == "/imports/"
        assert rid in favorite_ids(sandbox)


@pytest.mark.django_db
class FavoriteCsvTests:
    def test_csv_has_every_favorite(self, teacher, sandbox):
        response = teacher.get("/favorites/favorites.csv")
        assert response["Content-Type"].startswith("text/csv")
        assert 'filename="favorites.csv"' in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(body(response))))
        assert rows[0] == ["id", "title", "type", "authors", "tags", "updated", "url"]
        assert {r[0] for r in rows[1:]} == set(favorite_ids(sandbox))
        assert all(r[6] == f"{sandbox.url}/resources/{r[0]}" for r in rows[1:])


@pytest.mark.django_db
class ShowMoreTests:
    @pytest.fixture(autouse=True)
    def short_pages(self, monkeypatch):
        monkeypatch.setattr("lor_dashboard.core.listing.PAGE", 4)

    def test_the_page_renders_one_window(self, teacher, sandbox):
        assert len(titles(body(teacher.get("/favorites/")))) == 4

    def test_the_count_still_covers_all(self, teacher, sandbox):
        assert element(body(teacher.get("/favorites/")), id="favorites-count").text == f"{len(favorite_ids(sandbox))} favorites."

    def test_show_more_is_a_plain_link_with_the_same_filter_and_sort(self, teacher, sandbox):
        assert elements(body(teacher.get("/favorites/?sort=title")), "a", href="?q=&type=&sort=title&start=4")

    def test_htmx_gets_the_next_cards_only(self, teacher, sandbox):
        html = body(teacher.get("/favorites/?q=&type=&sort=updated&start=4", headers=HTMX))
        first = elements(html)[0]
        assert (first.tag, first.attrs["id"].startswith("favorite-")) == ("li", True)

    def test_the_first_of_the_next_cards_takes_focus(self, teacher, sandbox):
        html = body(teacher.get("/favorites/?q=&type=&sort=updated&start=4", headers=HTMX))
        first = elements(html)[0]
        assert (first.attrs.get("tabindex"), "autofocus" in first.attrs) == ("-1", True)

    def test_the_last_window_has_no_show_more(self, teacher, sandbox):
        last = (len(favorite_ids(sandbox)) - 1) // 4 * 4
        assert "Show more" not in body(teacher.get(f"/favorites/?start={last}", headers=HTMX))


def titles_of(sandbox, ids: list[str]) -> list[str]:
    mine = {r["id"]: r["title"] for r in requests.get(f"{sandbox.url}/api/users/{ME}/favorites",
                                                      headers={"X-Session-ID": "demo-teacher"}, timeout=5).json()["items"]}
    return [mine[i] for i in ids]


@pytest.mark.django_db
class BulkRemoveInPlaceTests:
    """With htmx, "Remove selected" leaves one line where the first removed card was."""

    @pytest.fixture
    def removed(self, teacher, sandbox):
        ids = favorite_ids(sandbox)[2:5]
        names = titles_of(sandbox, ids)
        response = teacher.post("/favorites/remove/", {"resource_ids": ids, "next": "/favorites/"}, headers=HTMX)
        return ids, names, response

    def test_the_line_takes_the_first_removed_cards_place(self, removed):
        ids, _, response = removed
        assert response["HX-Retarget"] == f"#favorite-{ids[0]}"

    def test_it_replaces_that_card(self, removed):
        assert removed[2]["HX-Reswap"] == "outerHTML"

    def test_the_line_names_each_removed_favorite(self, removed):
        _, names, response = removed
        assert f"Removed 3 favorites: {', '.join(f'“{escape(n)}”' for n in names)}." in body(response)

    def test_the_other_cards_leave_the_list(self, removed):
        ids, _, response = removed
        deleted = [li.attrs["id"] for li in elements(body(response), "li", hx_swap_oob="delete")]
        assert deleted == [f"favorite-{rid}" for rid in ids[1:]]

    def test_focus_goes_to_its_undo(self, removed):
        assert element(body(removed[2]), autofocus=True).text.startswith("Undo removing 3 favorites")

    def test_the_count_follows_out_of_band(self, removed, sandbox):
        count = element(body(removed[2]), id="favorites-count", hx_swap_oob="true")
        assert count.text == f"{len(favorite_ids(sandbox))} favorites."

    def test_the_removal_is_announced(self, removed):
        assert announced(body(removed[2])).startswith("Removed 3 favorites: ")

    def test_they_are_gone(self, removed, sandbox):
        assert not set(removed[0]) & set(favorite_ids(sandbox))

    def test_undo_restores_them_all(self, removed, teacher, sandbox):
        teacher.post("/favorites/undo/", undo_data(body(removed[2])), headers=HTMX)
        assert set(removed[0]) <= set(favorite_ids(sandbox))

    def test_undo_puts_the_list_back_with_focus_on_the_first_restored(self, removed, teacher):
        html = body(teacher.post("/favorites/undo/", undo_data(body(removed[2])), headers=HTMX))
        focused = [a.attrs["href"] for a in elements(html, "a", autofocus=True)]
        in_order = [li.attrs["id"].removeprefix("favorite-") for li in elements(html, "li", id=True)
                    if li.attrs["id"].removeprefix("favorite-") in removed[0]]
        assert focused == [f"/resources/{rid}/" for rid in in_order[:1]]

    def test_undo_answers_with_the_whole_list(self, removed, teacher):
        response = teacher.post("/favorites/undo/", undo_data(body(removed[2])), headers=HTMX)
        assert response["HX-Retarget"] == "#favorites-results"

    def test_many_are_named_a_few_then_counted(self, teacher, sandbox):
        ids = favorite_ids(sandbox)[:7]
        html = body(teacher.post("/favorites/remove/", {"resource_ids": ids, "next": "/favorites/"}, headers=HTMX))
        assert re.search(r"Removed 7 favorites: (“[^”]*”, ){4}“[^”]*” and 2 more\.", html)

    def test_nothing_removed_keeps_the_cards(self, teacher, sandbox, monkeypatch):
        def refuse(*args, **kwargs):
            raise LORUnavailable("Commons is not answering.")

        monkeypatch.setattr(LORClient, "remove_favorite", refuse)
        response = teacher.post("/favorites/remove/", {"resource_ids": favorite_ids(sandbox)[:2], "next": "/favorites/"},
                                headers=HTMX)
        assert response["HX-Reswap"] == "none"
