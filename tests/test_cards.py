"""Every resource card (favorites, imports, find, an update's page) leads to the resource's page
here, the hub, and offers Import; Commons is a separate link that says it leaves."""
from __future__ import annotations

import re

import pytest

from .conftest import body
from .helpers import elements
from .test_views_updates import updates

PAGES = ["/favorites/", "/imports/", "/resources/?q=water", "/resources/"]


def cards(html: str) -> list[str]:
    return re.findall(r'<article class="card">.*?</article>', html, re.S)


@pytest.fixture(params=PAGES + ["update"])
def page_cards(request, teacher, sandbox):
    path = f"/updates/{updates(sandbox)[0]['resource']['id']}/" if request.param == "update" else request.param
    found = cards(body(teacher.get(path)))
    assert found, f"{path} shows no cards"
    return found


@pytest.mark.django_db
class CardTests:
    def test_the_title_opens_the_resource_page(self, page_cards):
        hrefs = [re.search(r'<h3 class="card-title"><a href="([^"]+)"', c).group(1) for c in page_cards]
        assert all(re.fullmatch(r"/resources/[\w-]+/", h) for h in hrefs)

    def test_every_card_offers_import(self, page_cards):
        assert all(re.search(r'href="/resources/[\w-]+/#import-section">Import…', c) for c in page_cards)

    def test_commons_is_a_link_that_says_it_leaves(self, page_cards):
        assert all(re.search(r'<a class="leaves" href="[^"]+">Open in Commons<span class="visually-hidden">: '
                             r'[^<]*, leaves the dashboard</span>', c) for c in page_cards)


# Each page's update titles: where its list starts, and how a title reads.
UPDATE_PAGES = {"/updates/": ('id="updates-list"', r'<h2 class="card-title"><a href="([^"]+)"'),
                "/updates/?view=courses": ('class="course-group"', r'<li><a href="([^"]+)"'),
                "/": ('<ul class="recent">', r'<li><a href="([^"]+)"')}


@pytest.mark.django_db
class UpdateTitleTests:
    """Update titles (the updates list, by course, the overview) open the resource's page too; the
    update's own page is "Review the update", beside each."""

    @pytest.fixture(params=list(UPDATE_PAGES))
    def page(self, request, teacher, sandbox):
        start, title = UPDATE_PAGES[request.param]
        html = body(teacher.get(request.param))
        return re.findall(title, html[html.index(start):]), html

    def test_titles_open_the_resource_page(self, page):
        hrefs, _ = page
        assert hrefs and all(re.fullmatch(r"/resources/[\w-]+/", h) for h in hrefs)

    def test_each_title_has_a_review_link_to_its_update(self, page):
        hrefs, html = page
        resources = {h.split("/")[2] for h in hrefs}
        reviewed = set(re.findall(r'<a class="review" href="/updates/([\w-]+)/">Review the update', html))
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
