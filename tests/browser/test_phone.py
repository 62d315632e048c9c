"""At a phone's width (390 CSS pixels): nothing scrolls sideways, no table cell breaks a word or
spills, cards stay short (at least two a screen), and the header takes at most two lines."""
from __future__ import annotations

import pytest

from .helpers import TEACHER_PAGES, first_update_path, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(page, app_url):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, app_url)
    return page


def header_lines(page) -> int:
    """How many rows the header's parts sit on."""
    return page.evaluate("""() => new Set([...document.querySelectorAll('.site-header > *, .site-header nav li')]
        .filter(el => el.offsetParent !== null && !el.matches('nav'))
        .map(el => Math.round(el.getBoundingClientRect().top / 8))).size""")


def cells_that_spill(page) -> list[str]:
    """Table cells whose content is wider than the cell (a word that does not fit), and words a cell
    broke across lines (each word measured: a broken one has more than one box). E-mail addresses
    may break; visually hidden headers are not looked at."""
    return page.evaluate(r"""() => {
        const bad = [];
        for (const cell of document.querySelectorAll('td, th')) {
            const hidden = el => el && getComputedStyle(el).position === 'absolute';  // visually hidden headers
            if (hidden(cell) || hidden(cell.closest('thead')) || cell.dataset.label === 'E-mail') continue;
            if (cell.scrollWidth > cell.clientWidth + 1) { bad.push('spills: ' + cell.textContent.trim().slice(0, 40)); continue; }
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const m of node.data.matchAll(/\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    if (lines.size > 1) bad.push('breaks: ' + m[0]);
                }
            }
        }
        return bad;
    }""")


class PhoneTests:
    @pytest.mark.parametrize("path", TEACHER_PAGES)
    def test_nothing_scrolls_sideways(self, phone, app_url, path):
        phone.goto(f"{app_url}{path}")
        assert no_horizontal_scroll(phone)

    def test_the_header_takes_at_most_two_lines(self, phone, app_url):
        phone.goto(f"{app_url}/favorites/")
        assert header_lines(phone) <= 2

    def test_an_update_s_courses_table_breaks_no_word(self, phone, app_url, sandbox):
        phone.goto(f"{app_url}{first_update_path(sandbox)}")
        assert cells_that_spill(phone) == []

    def test_cards_stay_short(self, phone, app_url):
        phone.goto(f"{app_url}/favorites/")
        heights = phone.locator("article.card").evaluate_all("cards => cards.map(c => c.getBoundingClientRect().height)")
        assert max(heights) < 844 / 2  # two cards a screen at least (placeholders made them ~480 px)

    def test_the_users_table_breaks_no_word(self, page, app_url):
        page.set_viewport_size({"width": 390, "height": 844})
        sign_in(page, app_url, "demo-admin")
        page.goto(f"{app_url}/users/?q=mar")
        page.locator(".users-table td").first.wait_for()
        assert cells_that_spill(page) == []
