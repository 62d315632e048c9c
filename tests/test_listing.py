"""Narrowing a list by the page's query: filter, sort, fallbacks for unknown values, CSV rows."""
from __future__ import annotations

from lor_dashboard.core.listing import PAGE, Listing
from lor_dashboard.lor import Resource

RESOURCES = [
    Resource.from_json({"id": "b", "title": "Beta quiz", "type": "quiz", "updateDate": 2, "tags": ["bio"]}),
    Resource.from_json({"id": "a", "title": "alpha page", "type": "page", "updateDate": 3,
                        "authors": [{"id": "x", "name": "Zed Author"}]}),
    Resource.from_json({"id": "c", "title": "=HYPERLINK()", "type": "quiz", "updateDate": 1}),
]


class ListingTests:
    def test_defaults_sort_newest_first(self):
        listing = Listing.of(RESOURCES, {})
        assert [r.id for r in listing.matches] == ["a", "b", "c"]
        assert listing.sort == "updated"
        assert listing.types == ["page", "quiz"]
        assert not listing.filtered

    def test_text_matches_title_tags_and_authors_case_insensitively(self):
        assert [r.id for r in Listing.of(RESOURCES, {"q": "ZED"}).matches] == ["a"]
        assert [r.id for r in Listing.of(RESOURCES, {"q": "bio"}).matches] == ["b"]

    def test_type_and_title_sort(self):
        listing = Listing.of(RESOURCES, {"type": "quiz", "sort": "title"})
        assert [r.id for r in listing.matches] == ["c", "b"]
        assert listing.filtered
        assert listing.total == 3

    def test_unknown_values_fall_back(self):
        listing = Listing.of(RESOURCES, {"type": "<script>", "sort": "evil", "q": "x" * 500})
        assert listing.type == ""
        assert listing.sort == "updated"
        assert len(listing.q) == 200



MANY = [Resource.from_json({"id": f"r{n:03d}", "title": f"Resource {n:03d}", "type": "quiz", "updateDate": n})
        for n in range(130)]


class WindowTests:
    """No response renders more than a page of cards; "Show more" walks the rest."""

    def test_the_first_window_is_one_page(self):
        assert len(Listing.of(MANY, {}).cards) == PAGE

    def test_the_next_window_starts_where_the_first_ended(self):
        assert Listing.of(MANY, {}).next_start == PAGE

    def test_windows_cover_every_match_once(self):
        seen, start = [], 0
        while start is not None:
            listing = Listing.of(MANY, {"start": str(start)})
            seen += [r.id for r in listing.cards]
            start = listing.next_start
        assert sorted(seen) == sorted(r.id for r in MANY)

    def test_the_last_window_has_no_next(self):
        assert Listing.of(MANY, {"start": "120"}).next_start is None

    def test_the_count_covers_every_match(self):
        assert len(Listing.of(MANY, {"start": "60"}).matches) == 130

    def test_the_next_link_keeps_filter_and_sort(self):
        listing = Listing.of(MANY, {"q": "resource", "sort": "title"})
        assert listing.query(start=listing.next_start) == "q=resource&type=&sort=title&start=60"

    def test_a_bad_start_falls_back_to_the_first_window(self):
        assert Listing.of(MANY, {"start": "-5"}).start == 0


ACCENTED = [Resource.from_json({"id": i, "title": t, "type": "page"}) for i, t in
            [("z", "Zoología"), ("e", "Écologie des sols"), ("c", "Ciências da natureza"), ("f", "Física")]]


class AccentTests:
    def test_title_sort_puts_accented_letters_among_their_own(self):
        assert [r.id for r in Listing.of(ACCENTED, {"sort": "title"}).matches] == ["c", "e", "f", "z"]

    def test_words_match_without_their_accents(self):
        assert [r.id for r in Listing.of(ACCENTED, {"q": "ecologie"}).matches] == ["e"]

    def test_accented_words_match_plain_titles(self):
        assert [r.id for r in Listing.of(ACCENTED, {"q": "FÍSICA"}).matches] == ["f"]
