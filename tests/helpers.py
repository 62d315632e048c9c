"""What several test modules share: reading a page's HTML as elements, asking the sandbox, signing in
with its Canvas, and running requests at once. (Fixtures live in conftest.py.)"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import requests
from django.test import Client

from .conftest import body
from .servers import sandbox_actions

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]  # an attribute without a value reads as ""
    parents: tuple["Element", ...] = ()
    parts: list[str] = field(default_factory=list)
    heard: list[str] = field(default_factory=list)  # the text outside aria-hidden descendants

    @property
    def text(self) -> str:
        """The element's text content, whitespace collapsed."""
        return " ".join("".join(self.parts).split())

    @property
    def spoken(self) -> str:
        """The text a screen reader reads for it: its text without aria-hidden parts, whitespace collapsed."""
        return " ".join("".join(self.heard).split())

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def inside(self, tag: str, cls: str | None = None) -> bool:
        return any(p.tag == tag and (cls is None or cls in p.classes) for p in self.parents)

    def within(self, other: "Element") -> bool:
        """Whether this element is inside ``other`` (that very element, not one like it)."""
        return any(p is other for p in self.parents)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, tuple(self.open))
        self.found.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.found.append(Element(tag, {name: value or "" for name, value in attrs}, tuple(self.open)))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):  # an end tag closes what it implies was left open
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        hidden = False  # whether the element at hand, or one inside it holding the text, is aria-hidden
        for element in reversed(self.open):  # innermost first
            element.parts.append(data)
            hidden = hidden or element.attrs.get("aria-hidden") == "true"
            if not hidden:
                element.heard.append(data)


@lru_cache(maxsize=64)
def _parsed(html: str) -> tuple[Element, ...]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return tuple(parser.found)


def elements(html: str, tag: str | None = None, *, cls: str | None = None, **attrs: str | bool) -> list[Element]:
    """The page's elements in document order, of ``tag`` (any when None), having class ``cls``,
    and whose attributes match ``attrs`` (``aria_pressed="true"`` means ``aria-pressed``; True:
    present with any value, False: absent). The same html always gives the same Element objects,
    so ``Element.within`` relates elements found by separate calls."""
    wanted = {name.replace("_", "-"): value for name, value in attrs.items()}

    def matches(element: Element) -> bool:
        if tag is not None and element.tag != tag or cls is not None and cls not in element.classes:
            return False
        for name, value in wanted.items():
            if value is True and name not in element.attrs or value is False and name in element.attrs:
                return False
            if not isinstance(value, bool) and element.attrs.get(name) != value:
                return False
        return True

    return [element for element in _parsed(html) if matches(element)]


def element(html: str, tag: str | None = None, **kwargs) -> Element:
    """The one element matching (see ``elements``); fails when there is none or more than one."""
    found = elements(html, tag, **kwargs)
    assert len(found) == 1, f"{len(found)} elements match {tag} {kwargs}"
    return found[0]


# --- Asking the sandbox (as the demo teacher, u-maria) -------------------------------------------

ME = "u-maria"
TEACHER = {"X-Session-ID": "demo-teacher"}


def updates_count(sandbox) -> int:
    return requests.get(f"{sandbox.url}/api/users/{ME}/updates", headers=TEACHER, timeout=5).json()["meta"]["count"]


def imports_count(sandbox) -> int:
    url = f"{sandbox.url}/api/resources?onlyImported=true&size=1"
    return requests.get(url, headers=TEACHER, timeout=5).json()["meta"]["count"]


def resources_count(sandbox) -> int:
    return requests.get(f"{sandbox.url}/api/resources?size=1", headers=TEACHER, timeout=5).json()["meta"]["count"]


def users_matching(sandbox, q: str) -> int:
    """How many users Commons says match ``q`` (asked as the admin)."""
    url = f"{sandbox.url}/api/users?q={q}"
    return requests.get(url, headers={"X-Session-ID": "demo-admin"}, timeout=5).json()["meta"]["count"]


def favorite_ids(sandbox) -> list[str]:
    data = requests.get(f"{sandbox.url}/api/users/{ME}/favorites", headers=TEACHER, timeout=5).json()
    return [r["id"] for r in data["items"]]


def all_resources(sandbox) -> list[dict]:
    return requests.get(f"{sandbox.url}/api/resources?size=100", headers=TEACHER, timeout=5).json()["items"]


def sandbox_imports(sandbox) -> list[dict]:
    """The teacher's imports as Commons lists them, read directly."""
    items, cursor = [], None
    while True:
        params = {"onlyImported": "true", "size": 100, **({"cursor": cursor} if cursor else {})}
        data = requests.get(f"{sandbox.url}/api/resources", params=params, headers=TEACHER, timeout=5).json()
        items += data["items"]
        cursor = data["meta"].get("cursor")
        if not cursor:
            return items


def updates(sandbox) -> list[dict]:
    """Every update of the teacher's, walking the sandbox's pages."""
    items, cursor = [], None
    while True:
        url = f"{sandbox.url}/api/users/{ME}/updates" + (f"?cursor={cursor}" if cursor else "")
        page = requests.get(url, headers=TEACHER, timeout=5).json()
        items += page["items"]
        cursor = page["meta"]["cursor"]
        if not cursor:
            return items


def multi_course_update(sandbox) -> dict:
    return next(u for u in updates(sandbox) if len(u["courses"]) >= 2)


def first_water(sandbox) -> dict:
    return requests.get(f"{sandbox.url}/api/resources?q=water", headers=TEACHER, timeout=5).json()["items"][0]


def held_update(sandbox) -> dict:
    """An update of the teacher's: its courses hold an older copy of its resource."""
    return requests.get(f"{sandbox.url}/api/users/{ME}/updates", headers=TEACHER, timeout=5).json()["items"][0]


def expire(sandbox, what):
    requests.post(f"{sandbox.url}/sandbox/expire", json={"userId": ME, "what": what}, timeout=5).raise_for_status()


def sessions_made(sandbox) -> int:
    return sum(a["kind"] == "session" for a in sandbox_actions(sandbox))


def canvas_profile_says(sandbox, locale: str | None, user_id: str = ME) -> None:
    response = requests.post(f"{sandbox.url}/sandbox/canvas-locale", json={"userId": user_id, "locale": locale}, timeout=5)
    assert response.status_code == 204


# --- Signing in with the sandbox's Canvas ---------------------------------------------------------

def go_to_canvas(client, next_url="/updates/") -> dict:
    response = client.get(f"/signin/canvas/?next={next_url}")
    assert response.status_code == 302
    return {k: v[0] for k, v in parse_qs(urlsplit(response["Location"]).query).items()}


def approve_in_canvas(sandbox, params, user_id=ME, decision="approve") -> str:
    """What the person does on Canvas's page; returns where Canvas sends the browser back."""
    response = requests.post(f"{sandbox.url}/login/oauth2/auth", data={**params, "user_id": user_id, "decision": decision},
                             allow_redirects=False, timeout=5)
    location = urlsplit(response.headers["Location"])
    return f"{location.path}?{location.query}"


# --- Pages ----------------------------------------------------------------------------------------

def titles(html: str) -> list[str]:
    """The cards' titles, in order: the text of each card title's link."""
    return [a.text for a in elements(html, "a") if a.inside("h3", "card-title")]


def values(html: str, name: str, within: Element | None = None) -> list[str]:
    """The values of the inputs named ``name`` (inside the element ``within``, when given), in order."""
    return [i.attrs.get("value", "") for i in elements(html, "input", name=name) if within is None or i.within(within)]


def announced(html: str) -> str:
    """What an htmx answer says in the page's status region (its out-of-band #status)."""
    return element(html, "div", id="status", hx_swap_oob="innerHTML").text


def lang_of(response) -> tuple[str, str]:
    """(lang, dir) of the page's <html>."""
    root = element(body(response), "html")
    return root.attrs["lang"], root.attrs["dir"]


# --- Requests at once -----------------------------------------------------------------------------

def at_once(*calls):
    """Run each call in its own thread, released together; their results in order."""
    results, start = [None] * len(calls), threading.Barrier(len(calls))

    def run(n, call):
        start.wait()
        results[n] = call()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def tab(cookie: str) -> Client:
    """Another tab of the same browser: the same session cookie."""
    other = Client()
    other.cookies["sessionid"] = cookie
    return other
