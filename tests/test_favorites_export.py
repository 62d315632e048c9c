"""The favorites CSV rows: every cell defused, the resource's Commons page as its URL."""
from __future__ import annotations

from lor_dashboard.favorites.export import HEADER, favorite_rows
from lor_dashboard.lor import LORClient, Resource

RESOURCES = [
    Resource.from_json({"id": "b", "title": "Beta quiz", "type": "quiz", "updateDate": 2}),
    Resource.from_json({"id": "c", "title": "=HYPERLINK()", "type": "quiz", "updateDate": 1}),
]


class FavoriteRowsTests:
    def rows(self):
        return list(favorite_rows(RESOURCES, LORClient("https://lor.test")))

    def test_header_first(self):
        assert self.rows()[0] == HEADER

    def test_formulas_are_defused(self):
        assert self.rows()[2][1] == "'=HYPERLINK()"

    def test_the_url_is_the_resource_page_in_commons(self):
        assert self.rows()[1][6] == "https://lor.test/resources/b"

    def test_dates_are_plain_dates(self):
        # 2 ms after the epoch: a date, no time and no microseconds
        assert self.rows()[1][5] == "1970-01-01"

    def test_types_are_words(self):
        assert self.rows()[1][2] == "Quiz"
