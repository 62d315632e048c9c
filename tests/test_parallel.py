"""Independent upstream calls at once: outcomes per call, a 401 raised, nothing to do is fine."""
from __future__ import annotations

import threading

import pytest

from lor_dashboard.lor import LORAuthError, LORUnavailable
from lor_dashboard.lor.parallel import PER_REQUEST, each, gather


def fail():
    raise LORUnavailable("down")


class GatherTests:
    def test_nothing_to_do_gives_nothing(self):
        assert gather() == {}

    def test_each_of_nothing_gives_nothing(self):
        assert each(lambda item: item, []) == []

    def test_outcomes_keep_the_calls_names(self):
        assert list(gather(b=lambda: 2, a=lambda: 1)) == ["b", "a"]

    def test_a_failing_call_fails_alone(self):
        outcomes = gather(ok=lambda: 1, down=fail)
        assert [outcomes["ok"].value, outcomes["down"].ok] == [1, False]

    def test_an_expired_session_is_raised(self):
        def expired():
            raise LORAuthError("expired")

        with pytest.raises(LORAuthError):
            gather(ok=lambda: 1, expired=expired)

    def test_calls_run_at_once(self):
        barrier = threading.Barrier(3, timeout=5)
        outcomes = gather(**{name: barrier.wait for name in "abc"})
        assert all(o.ok for o in outcomes.values())


class PerRequestLimitTests:
    def _peak(self, n_items: int) -> tuple[int, list]:
        lock, state = threading.Lock(), {"now": 0, "peak": 0}

        def call(item):
            with lock:
                state["now"] += 1
                state["peak"] = max(state["peak"], state["now"])
            threading.Event().wait(0.005)
            with lock:
                state["now"] -= 1
            return item * 2

        outcomes = each(call, list(range(n_items)))
        return state["peak"], outcomes

    def test_never_more_than_the_limit_in_flight(self):
        assert self._peak(100)[0] <= PER_REQUEST

    def test_still_more_than_one_at_once(self):
        assert self._peak(100)[0] > 1

    def test_every_item_is_done_in_order(self):
        assert [o.value for o in self._peak(30)[1]] == [n * 2 for n in range(30)]
