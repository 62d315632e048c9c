"""Run independent upstream calls at once, so a page costs the slowest call, not the sum."""
from __future__ import annotations

import contextvars
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable

from django.utils import translation

from .errors import LORAuthError, LORError

# Bounded: a page borrows a thread per section it loads at once, an action on many items PER_REQUEST
# lanes (each); the pool caps the total for the process.
_pool = ThreadPoolExecutor(max_workers=32, thread_name_prefix="lor-parallel")
# Upstream calls one request may have in flight at once when acting on many items, so one
# teacher's bulk action takes a fair share of the pool and the connections, not all of them.
PER_REQUEST = 4


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
    if not calls:
        return {}
    # The last call runs in this thread, which would only wait otherwise: one hand-off fewer.
    # The others run in a copy of this context, so their upstream time counts for this request, and
    # in this request's language, so the errors they raise say it as the page does.
    *others, (last_name, last_call) = calls.items()
    language = translation.get_language()
    futures = {name: _pool.submit(contextvars.copy_context().run, _speaking, language, call) for name, call in others}
    outcomes: dict[str, Outcome] = {last_name: _outcome(last_call)}
    for name, future in futures.items():
        outcomes[name] = _outcome(future.result)
    return {name: outcomes[name] for name in calls}


def _speaking(language: str | None, call: Callable[[], Any]) -> Any:
    """``call()`` in ``language``: a pool thread does not share the request's active language."""
    with translation.override(language):
        return call()


def _outcome(call: Callable[[], Any]) -> Outcome:
    try:
        return Outcome(value=call())
    except LORAuthError:
        raise
    except LORError as exc:
        return Outcome(error=exc)


def each(call: Callable[[Any], Any], items: list[Any], *, at_once: int = PER_REQUEST) -> list[Outcome]:
    """``call(item)`` for every item, at most ``at_once`` at a time; outcomes in the items' order.

    ``at_once`` lanes each take the next item until none is left, so a hundred items hold
    ``at_once`` threads, not a hundred."""
    outcomes: list[Outcome | None] = [None] * len(items)
    queue, lock = iter(enumerate(items)), threading.Lock()

    def lane() -> None:
        while True:
            with lock:
                n, item = next(queue, (None, None))
            if n is None:
                return
            outcomes[n] = _outcome(lambda: call(item))  # noqa: B023 (called at once, in this iteration)

    gather(**{f"lane{k}": lane for k in range(min(at_once, len(items)))})
    return outcomes  # type: ignore[return-value]

