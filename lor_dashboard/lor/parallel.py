"""Run independent upstream calls at once, so a page costs the slowest call, not the sum."""
from __future__ import annotations

import contextvars
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable

from .errors import LORAuthError, LORError

# Bounded: each page load borrows at most a few threads; the pool caps the total.
_pool = ThreadPoolExecutor(max_workers=32, thread_name_prefix="lor-parallel")


@dataclass(frozen=True)
class Outcome:
    value: Any = None
    error: LORError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def gather(**calls: Callable[[], Any]) -> dict[str, Outcome]:
    """Run each call in the pool; each section fails on its own.

    An expired session (401) is not a section's problem: it is raised so the
    error middleware signs the user out.
    """
    # Each call runs in a copy of this context, so upstream time counts for this request.
    futures = {name: _pool.submit(contextvars.copy_context().run, call) for name, call in calls.items()}
    outcomes: dict[str, Outcome] = {}
    for name, future in futures.items():
        try:
            outcomes[name] = Outcome(value=future.result())
        except LORAuthError:
            raise
        except LORError as exc:
            outcomes[name] = Outcome(error=exc)
    return outcomes


def each(call: Callable[[Any], Any], items: list[Any]) -> list[Outcome]:
    """``call(item)`` for every item at once; outcomes in the items' order."""
    outcomes = gather(**{str(n): (lambda item=item: call(item)) for n, item in enumerate(items)})
    return [outcomes[str(n)] for n in range(len(items))]
