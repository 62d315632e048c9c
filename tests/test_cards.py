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
