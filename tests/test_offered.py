"""What a page offered and what one page leaves for the next, kept per sign-in (core/offered.py, core/flash.py)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from lor_dashboard.core import flash, offered
from lor_dashboard.core.offered import Offer

pytestmark = pytest.mark.django_db

OFFER = Offer("Cells", {"c1": "Algebra", "c2": "Biology"}, version="v3", held=frozenset({"c2"}), sure=False)


def signed_in(owner="owner-a"):
    return SimpleNamespace(lor_user=SimpleNamespace(owner=owner))


class KeptTests:
    def test_an_offer_comes_back_as_it_was_kept(self):
        offered.remember(signed_in(), offered.IMPORT, "r1", OFFER)
        assert offered.recall(signed_in(), offered.IMPORT, "r1") == OFFER

    def test_an_import_and_an_update_of_one_resource_are_kept_apart(self):
        offered.remember(signed_in(), offered.IMPORT, "r1", OFFER)
        assert offered.recall(signed_in(), offered.UPDATE, "r1") is None

    def test_another_sign_in_does_not_see_it(self):
        offered.remember(signed_in(), offered.IMPORT, "r1", OFFER)
        assert offered.recall(signed_in("owner-b"), offered.IMPORT, "r1") is None

    def test_a_kept_offer_is_not_loaded_again(self):
        offered.remember(signed_in(), offered.UPDATE, "r1", OFFER)
        assert offered.recall_or_load(signed_in(), offered.UPDATE, "r1", lambda: pytest.fail("loaded")) == OFFER

    def test_an_offer_never_shown_is_loaded_and_kept(self):
        offered.recall_or_load(signed_in(), offered.UPDATE, "r1", lambda: OFFER)
        assert offered.recall(signed_in(), offered.UPDATE, "r1") == OFFER

    def test_acted_on_courses_are_no_longer_offered(self):
        offered.remember(signed_in(), offered.UPDATE, "r1", OFFER)
        offered.forget_courses(signed_in(), offered.UPDATE, "r1", ["c1"])
        assert offered.recall(signed_in(), offered.UPDATE, "r1").courses == {"c2": "Biology"}

    def test_only_the_newest_offers_of_a_kind_are_kept(self):
        for n in range(offered.KEEP + 1):
            offered.remember(signed_in(), offered.IMPORT, f"r{n}", OFFER)
        assert offered.recall(signed_in(), offered.IMPORT, "r0") is None


class CheckTests:
    def test_nothing_chosen_is_refused(self):
        assert offered.check([], OFFER.courses).problem == "none"

    def test_a_course_not_offered_is_refused(self):
        assert offered.check(["c1", "c9"], OFFER.courses).problem == "unknown"

    def test_a_course_chosen_twice_counts_once_in_the_order_chosen(self):
        assert offered.check(["c2", "c1", "c2"], OFFER.courses).courses == (("c2", "Biology"), ("c1", "Algebra"))


class FlashTests:
    """A value for the next page only (core/flash.py), kept beside what a page offered."""

    def test_a_flash_is_taken_once(self):
        flash.flash(signed_in(), "restored", "r1")
        assert (flash.take(signed_in(), "restored"), flash.take(signed_in(), "restored")) == ("r1", None)

    def test_a_flash_about_another_item_is_not_said_here(self):
        flash.flash(signed_in(), "import-error", "none", about="r1")
        assert flash.take(signed_in(), "import-error", about="r2", default="") == ""

    def test_a_flash_does_not_touch_the_session(self):
        request = signed_in()
        request.session = {}
        flash.flash(request, "restored", "r1")
        assert request.session == {}
