"""Acting on many items: each one's outcome reported by its label."""
from __future__ import annotations

from lor_dashboard.core.bulk import act_on_each
from lor_dashboard.lor import LORNotFound, LORUnavailable


def fail(item):
    raise LORUnavailable("down")


class ActOnEachTests:
    def test_done_and_failed_are_reported_by_label(self):
        def act(item):
            if item == "b":
                fail(item)

        report = act_on_each(["a", "b"], act, label=str.upper)
        assert (report.done, [label for label, _ in report.failed]) == (["A"], ["B"])

    def test_an_error_that_means_done_counts_as_done(self):
        def gone(item):
            raise LORNotFound("gone")

        assert act_on_each(["a"], gone, done_anyway=LORNotFound).done == ["a"]
