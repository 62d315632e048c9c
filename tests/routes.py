"""Every route of the URLconf, with sample requests kept beside it: the cross-cutting safety suites
(faults, bad input, CSRF, CSP and no-store, hostile upstream) run over these, and a route added to
the URLconf without samples here fails ``test_routes.py``."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    """``gets``: query strings a GET is tried with (empty: the route takes no GET); ``post``: a form
    it takes (None: no POST). ``upstream``: it asks Commons; ``page``: a GET answers an HTML page;
    ``public``: no sign-in needed. ``args``: the sample for each path parameter."""

    gets: tuple[str, ...] = ()
    post: dict | None = None
    args: dict[str, str] = field(default_factory=dict)
    upstream: bool = True
    page: bool = True
    public: bool = False


RID = {"resource_id": "hostile1"}
SAMPLES: dict[str, Route] = {
    "overview:home": Route(gets=("",)),
    "accounts:signin": Route(gets=("", "?next=/favorites/"), post={"session_id": "anything"}, public=True),
    "accounts:canvas_start": Route(gets=("",), upstream=False, page=False, public=True),
    "accounts:canvas_callback": Route(gets=("?state=x&code=y",), upstream=False, public=True),
    "accounts:token_signin": Route(post={"canvas_url": "http://127.0.0.1:1", "token": "t"}, public=True),
    "accounts:signout": Route(post={}, public=True),
    "accounts:language": Route(post={"language": "es", "next": "/"}, upstream=False, public=True),
    "accounts:lti_jwks": Route(gets=("",), upstream=False, page=False, public=True),
    "accounts:lti_config": Route(gets=("",), upstream=False, page=False, public=True),
    "accounts:lti_login": Route(gets=("", "?iss=https://canvas.example&login_hint=x&client_id=1"),
                                post={"iss": "https://canvas.example", "login_hint": "x"}, upstream=False, public=True),
    "accounts:lti_login_for": Route(gets=("?iss=x&login_hint=y",), args={"registration_uuid": "0a833831-dbb0-48e3-a666-eab8d52b52e7"},
                                    upstream=False, public=True),
    "accounts:lti_launch": Route(post={"id_token": "a.b.c", "state": "x"}, upstream=False, public=True),
    "accounts:lti_connect": Route(gets=("", "?t=forged"), upstream=False, public=True),
    "favorites:list": Route(gets=("", "?q=x", "?sort=title", "?start=60")),
    "favorites:csv": Route(gets=("",), page=False),
    "favorites:add": Route(post={"resource_id": "abc"}),
    "favorites:remove_selected": Route(post={"resource_ids": ["hostile1"]}),
    "favorites:undo": Route(post={}),
    "favorites:remove": Route(post={}, args=RID),
    "favorites:star": Route(post={"action": "add", "title": "x"}, args=RID),
    "resources:search": Route(gets=("", "?q=water", "?q=water&types=video", "?q=water&cursor=abc")),
    "resources:detail": Route(gets=("",), args=RID),
    "resources:import": Route(post={"course_ids": ["1"], "confirm": "yes"}, args=RID),
    "imports:list": Route(gets=("", "?cursor=abc")),
    "users:search": Route(gets=("", "?q=hannah", "?q=hannah&cursor=abc")),
    "users:csv": Route(gets=("?q=hannah",), page=False),
    "users:profile": Route(gets=("",), args={"user_id": "u-005"}),
    "updates:list": Route(gets=("", "?view=courses", "?cursor=abc")),
    "updates:bulk": Route(post={"resource_ids": ["hostile1"], "action": "ignore", "confirm": "yes"}),
    "updates:detail": Route(gets=("",), args=RID),
    "updates:ignore": Route(post={"course_ids": ["c1"], "confirm": "yes"}, args=RID),
    "updates:apply": Route(post={"course_ids": ["c1"], "confirm": "yes"}, args=RID),
    "ops:healthz": Route(gets=("",), upstream=False, page=False, public=True),
    "ops:readyz": Route(gets=("",), upstream=False, page=False, public=True),
    "ops:metrics": Route(gets=("",), upstream=False, page=False, public=True),
}


def url_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, path pattern) of every route, from the URLconf itself."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from url_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield ":".join(filter(None, [namespace, entry.name])), prefix + str(entry.pattern)


def pattern_of(name: str) -> str:
    return dict(url_patterns())[name]


def path_of(name: str, **args: str) -> str:
    """The route's path with ``args`` (default: its samples) in place, unchecked by converters, so
    odd values reach the dashboard as a visitor could send them."""
    values = {**SAMPLES[name].args, **args}
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], pattern_of(name))


def requests(*, upstream_only: bool = False, public: bool | None = None):
    """(method, path with query, form or None, name) for every sample request."""
    for name, route in SAMPLES.items():
        if (upstream_only and not route.upstream) or (public is not None and route.public != public):
            continue
        for query in route.gets:
            yield "GET", path_of(name) + query, None, name
        if route.post is not None:
            yield "POST", path_of(name), route.post, name


def pages(*, signed_in: bool = True) -> list[str]:
    """The HTML pages a GET shows (signed-in ones, or public ones)."""
    return [path_of(name) + query for name, route in SAMPLES.items() if route.page and route.public != signed_in
            for query in route.gets]


def csrf_exempt_names() -> set[str]:
    """Routes whose view skips Django's CSRF check, read from the views themselves."""
    from django.urls import resolve

    return {name for name, route in SAMPLES.items() if getattr(resolve(path_of(name)).func, "csrf_exempt", False)}


def posts(*, csrf_checked: bool = False) -> list[str]:
    exempt = csrf_exempt_names() if csrf_checked else set()
    return [path_of(name) for name, route in SAMPLES.items() if route.post is not None and name not in exempt]


def with_path_args() -> list[str]:
    return [name for name in SAMPLES if SAMPLES[name].args]
