"""The find-and-import service without any upstream: what a search may send, which courses may be chosen."""
from __future__ import annotations

from django.http import QueryDict

from lor_dashboard.resources.service import Search, check_choice

KNOWN = {"1101": "Grade 7 Science", "1102": "Grade 8 Math"}


class SearchTests:
    def test_only_the_contracts_types_are_kept(self):
        assert Search.of(QueryDict("type=quiz&type=evil&type=video")).types == ("quiz", "video")

    def test_a_type_chosen_twice_counts_once(self):
        assert Search.of(QueryDict("type=quiz&type=quiz")).types == ("quiz",)

    def test_text_is_cut_at_200_characters(self):
        assert len(Search.of(QueryDict("q=" + "x" * 500)).q) == 200

    def test_the_query_string_keeps_text_and_types(self):
        assert Search.of(QueryDict("q=water&type=page")).query(cursor="c2") == [("q", "water"), ("type", "page"), ("cursor", "c2")]


class CheckChoiceTests:
    def test_nothing_chosen_is_an_error(self):
        assert check_choice([], KNOWN, set()).error == "Select at least one course."

    def test_a_course_not_offered_is_refused(self):
        assert check_choice(["1101", "2201"], KNOWN, set()).error == "One of the selected courses is not one of your courses."

    def test_chosen_courses_keep_their_names(self):
        assert check_choice(["1102", "1101"], KNOWN, set()).courses == (("1102", "Grade 8 Math"), ("1101", "Grade 7 Science"))

    def test_courses_holding_a_copy_are_named_for_the_confirmation(self):
        assert check_choice(["1101", "1102"], KNOWN, {"1102"}).overwrites == ("Grade 8 Math",)
