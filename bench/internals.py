"""What each in-process cache is worth: the 50-card /favorites/ page's CPU with it and without.

Issue 25 asked to keep only the shortcuts past Django's own behaviour that measure. Each variant
takes one kept cache away (Django's own code in its place) or puts back one that was dropped
(``static()``, previews, the Commons link), and the page is timed against an upstream stub that
answers at once, variants interleaved over --rounds rounds in one process (median per variant), so
the figures are differences measured side by side, not absolute times.

    .venv/bin/python bench/internals.py [--rounds 5] [--pages 150]
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def variants() -> dict[str, contextlib.AbstractContextManager]:
    from django.templatetags.static import static
    from django.urls import reverse

    from lor_dashboard.core import jinja

    @contextlib.contextmanager
    def swapped(where: dict, **values):
        before = {name: where[name] for name in values}
        where.update(values)
        try:
            yield
        finally:
            where.update(before)

    def env():
        from django.template import engines
        return engines.all()[0].env

    @contextlib.contextmanager
    def lazy(name: str, make):
        with swapped(env().globals if name in env().globals else env().filters, **{name: make()}):
            yield

    return {
        "as shipped": contextlib.nullcontext(),
        "url(): reverse() each time": lazy("url", lambda: lambda name, *args: reverse(name, args=args)),
        "static(): remembered": lazy("static", lambda: lru_cache(maxsize=256)(static)),
        "sanitize: not cached": _patched(jinja, "_clean", jinja._clean.__wrapped__),
        "preview: cached": lazy("preview", lambda: lru_cache(maxsize=1024)(jinja.preview)),
        "dates: not cached": _patched(jinja, "_when", jinja._when.__wrapped__),
        "Commons link: remembered": _patched(jinja, "resource_page_url", lru_cache(maxsize=4096)(jinja.resource_page_url)),
    }


@contextlib.contextmanager
def _patched(module, name, value):
    before = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, before)


def page_cpu(pages: int) -> float:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.post("/signin/", {"session_id": "bench50"})
    for _ in range(20):
        client.get("/favorites/")
    started = time.thread_time()
    for _ in range(pages):
        assert client.get("/favorites/").status_code == 200
    return (time.thread_time() - started) / pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", type=int, default=150)
    args = parser.parse_args()
    from run import Stub

    stub = Stub(0.0)
    tmp = Path(tempfile.mkdtemp(prefix="lor-internals-"))
    os.environ.update(LOR_BASE_URL=stub.url, DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}", LOG_LEVEL="WARNING",
                      DJANGO_STATIC_ROOT=str(tmp / "static"), DJANGO_STATIC_MANIFEST="true",
                      DJANGO_SETTINGS_MODULE="lor_dashboard.settings")
    for command in (["migrate", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, check=True)
    import django
    django.setup()

    figures: dict[str, list[float]] = {}
    for n in range(args.rounds):
        each = list(variants().items())
        for label, variant in each[n % len(each):] + each[:n % len(each)]:  # each goes first once
            with variant:
                figures.setdefault(label, []).append(page_cpu(args.pages))
    shipped = statistics.median(figures["as shipped"])
    print(f"50-card /favorites/, CPU a page, median of {args.rounds} rounds x {args.pages} pages")
    for label, values in figures.items():
        median = statistics.median(values)
        print(f"  {label:32} {median * 1000:6.3f} ms  ({(median - shipped) * 1000:+.3f} ms, "
              f"x{median / shipped:.3f}; rounds {min(values) * 1000:.3f}-{max(values) * 1000:.3f})")


if __name__ == "__main__":
    main()
