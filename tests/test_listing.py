"""Narrowing a list by the page's query: filter, sort, fallbacks for unknown values, CSV rows."""
from __future__ import annotations

from lor_dashboard.lor import Resource
from lor_dashboard.lor.listing import Listing, resource_csv_rows

RESOURCES = [
    Resource.from_json({"id": "b", "title": "Beta quiz", "type": "quiz", "updateDate": 2, "tags": ["bio"]}),
    Resource.from_json({"id": "a", "title": "alpha page", "type": "page", "updateDate": 3,
                        "authors": [{"id": "x", "name": "Zed Author"}]}),
    Resource.from_json({"id": "c", "title": "=HYPERLINK()", "type": "quiz", "updateDate": 1}),
]


class ListingTests:
    def test_defaults_sort_newest_first(self):
        listing = Listing.of(RESOURCES, {})
        assert [r.id for r in listing.shown] == ["a", "b", "c"] and listing.sort == "updated"
        assert listing.types == ["page", "quiz"] and not listing.filtered

    def test_text_matches_title_tags_and_authors_case_insensitively(self):
        assert [r.id for r in Listing.of(RESOURCES, {"q": "ZED"}).shown] == ["a"]
        assert [r.id for r in Listing.of(RESOURCES, {"q": "bio"}).shown] == ["b"]

    def test_type_and_title_sort(self):
        listing = Listing.of(RESOURCES, {"type": "quiz", "sort": "title"})
        assert [r.id for r in listing.shown] == ["c", "b"] and listing.filtered and listing.total == 3

    def test_unknown_values_fall_back(self):
        listing = Listing.of(RESOURCES, {"type": "<script>", "sort": "evil", "q": "x" * 500})
        assert listing.type == "" and listing.sort == "updated" and len(listing.q) == 200

    def test_csv_defuses_formulas(self):
        rows = list(resource_csv_rows(RESOURCES, "https://lor.test"))
        assert rows[3][1] == "'=HYPERLINK()" and rows[1][6] == "https://lor.test/resources/b"
