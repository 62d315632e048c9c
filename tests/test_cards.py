"""Every resource card (favorites, imports, find, an update's page) leads to the resource's page
here, the hub, and offers Import; Commons is a separate link that says it leaves."""
from __future__ import annotations

import re

import pytest

from .conftest import body
from .helpers import updates

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
