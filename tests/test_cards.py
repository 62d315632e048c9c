"""Every resource card (favorites, imports, find, an update's page) leads to the resource's page
here, the hub, and offers Import; Commons is a separate link that says it leaves."""
from __future__ import annotations

import re

import pytest

from .conftest import body
from .helpers import Element, elements, updates

PAGES = ["/favorites/", "/imports/", "/resources/?q=water", "/resources/"]


def card_links(html: str) -> list[list[Element]]:
    """Each resource card's links, card by card."""
    links = elements(html, "a", href=True)
    return [[a for a in links if a.within(card)] for card in elements(html, "article", cls="card")]


@pytest.fixture(params=PAGES + ["update"])
def page_cards(request, teacher, sandbox):
    path = f"/updates/{updates(sandbox)[0]['resource']['id']}/" if request.param == "update" else request.param
    found = card_links(body(teacher.get(path)))
    assert found, f"{path} shows no cards"
    return found


@pytest.mark.django_db
class CardTests:
    def test_the_title_opens_the_resource_page(self, page_cards):
        hrefs = [[a.attrs["href"] for a in links if a.inside("h3", "card-title")] for links in page_cards]
        assert all(len(h) == 1 and re.fullmatch(r"/resources/[\w-]+/", h[0]) for h in hrefs)

    def test_every_card_offers_import(self, page_cards):
        assert all([a for a in links if re.fullmatch(r"/resources/[\w-]+/#import-section", a.attrs["href"])
                    and a.text.startswith("Import…")] for links in page_cards)

    def test_commons_is_a_link_that_says_it_leaves(self, page_cards):
        leaving = [[a for a in links if "leaves" in a.classes] for links in page_cards]
        assert all(len(a) == 1 and re.fullmatch(r"Open in Commons: .*, leaves the dashboard", a[0].spoken) for a in leaving)


def update_titles(html: str, path: str) -> list[str]:
    """Where each update title on the page leads: the updates list's card titles, the by-course
    view's and the overview's list items (their first link; the other is "Review the update")."""
    links = elements(html, "a", href=True)
    if path == "/updates/":
        return [a.attrs["href"] for a in links if a.inside("h2", "card-title")]
    where = ("section", "course-group") if path == "/updates/?view=courses" else ("ul", "recent")
    return [a.attrs["href"] for a in links
            if a.parents[-1].tag == "li" and a.inside(*where) and "review" not in a.classes]


@pytest.mark.django_db
class UpdateTitleTests:
    """Update titles (the updates list, by course, the overview) open the resource's page too; the
    update's own page is "Review the update", beside each."""

    @pytest.fixture(params=["/updates/", "/updates/?view=courses", "/"])
    def page(self, request, teacher, sandbox):
        html = body(teacher.get(request.param))
        return update_titles(html, request.param), html

    def test_titles_open_the_resource_page(self, page):
        hrefs, _ = page
        assert hrefs and all(re.fullmatch(r"/resources/[\w-]+/", h) for h in hrefs)

    def test_each_title_has_a_review_link_to_its_update(self, page):
        hrefs, html = page
        resources = {h.split("/")[2] for h in hrefs}
        reviewed = {a.attrs["href"].split("/")[2] for a in elements(html, "a", cls="review")
                    if a.text.startswith("Review the update")}
        assert resources == reviewed


def card_parts(html: str) -> dict[str, tuple[list, list]]:
    """Each card's resource page, with its author links (href, text) and images (src, alt)."""
    parts = {}
    for card in elements(html, "article", cls="card"):
        inside = [e for e in elements(html) if card in e.parents]
        page = next(e.attrs["href"] for e in inside if e.tag == "a" and e.inside("h3", "card-title"))
        parts[page] = ([(e.attrs["href"], e.text) for e in inside if e.tag == "a" and e.attrs["href"].startswith("/users/")],
                       [(e.attrs["src"], e.attrs["alt"]) for e in inside if e.tag == "img"])
    return parts


def page_parts(html: str) -> tuple[list, list]:
    """A resource page's author links (in its facts) and thumbnail."""
    return ([(e.attrs["href"], e.text) for e in elements(html, "a") if e.inside("dl", "facts")
             and e.attrs["href"].startswith("/users/")],
            [(e.attrs["src"], e.attrs["alt"]) for e in elements(html, "img", cls="thumb")])


@pytest.mark.django_db
class CardAndPageTests:
    """A resource's card and its page say its authors and show its thumbnail the same way (one macro each)."""

    @pytest.fixture
    def pairs(self, teacher, sandbox):
        cards = card_parts(body(teacher.get("/favorites/")))
        return [(parts, page_parts(body(teacher.get(page)))) for page, parts in cards.items()]

    def test_some_cards_have_authors_and_a_thumbnail(self, pairs):
        assert any(authors and images for (authors, images), _page in pairs)

    def test_the_authors_are_the_same_links(self, pairs):
        assert [card[0] for card, _page in pairs] == [page[0] for _card, page in pairs]

    def test_the_thumbnail_is_the_same_image(self, pairs):
        assert [card[1] for card, _page in pairs] == [page[1] for _card, page in pairs]

    def test_a_card_without_a_thumbnail_shows_a_letter_the_page_does_not(self, teacher, sandbox):
        html = body(teacher.get("/favorites/"))
        card = next(p for p in elements(html, "div", cls="thumb-placeholder")[0].parents if p.tag == "article")
        page = next(e.attrs["href"] for e in elements(html, "a") if e.inside("h3", "card-title") and card in e.parents)
        assert elements(body(teacher.get(page)), cls="thumb-placeholder") == []
