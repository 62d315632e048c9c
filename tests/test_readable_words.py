"""Pages say resource types and licences in words, never Commons' raw ids ("discussion_topic",
"CC_BY_SA"): every page with resources, parsed for the text a person reads."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import requests

from lor_dashboard.core.text import LICENCE_NAMES, TYPE_LABELS
from lor_dashboard.lor import RESOURCE_TYPES

from .conftest import body
from .helpers import TEACHER, elements, updates


class Text(HTMLParser):
    """The text of a page (no attributes, scripts or styles)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def text_of(html: str) -> str:
    parser = Text()
    parser.feed(html)
    return " ".join(parser.parts)


def seed_licences(sandbox) -> set[str]:
    page = requests.get(f"{sandbox.url}/api/resources?size=100", headers=TEACHER, timeout=5).json()
    return {lid for r in page["items"] for lid in r.get("licenseIds") or []}


@pytest.fixture
def pages(sandbox):
    rid = updates(sandbox)[0]["resource"]["id"]
    every = requests.get(f"{sandbox.url}/api/resources?size=100", headers=TEACHER, timeout=5).json()["items"]
    one_of_each_type = {r["type"]: r["id"] for r in every}.values()
    return ["/", "/favorites/", "/imports/", "/resources/", "/updates/", "/updates/?view=courses", f"/updates/{rid}/",
            *(f"/resources/{r}/" for r in one_of_each_type)]


@pytest.mark.django_db
class ReadableWordsTests:
    def test_no_raw_type_ids(self, teacher, pages):
        raw = [t for t in TYPE_LABELS if "_" in t]  # the ones a word can't pass for
        shown = {path: [t for t in raw if t in text_of(body(teacher.get(path)))] for path in pages}
        assert {path: found for path, found in shown.items() if found} == {}

    def test_the_search_offers_every_contract_type_in_words(self, teacher):
        boxes = elements(body(teacher.get("/resources/")), "input", type="checkbox", name="type")
        assert [(box.attrs["value"], box.parents[-1].text) for box in boxes] == [
            (t, str(TYPE_LABELS[t])) for t in RESOURCE_TYPES]

    def test_type_labels_are_words(self, teacher, pages):
        labels = {m for path in pages for m in re.findall(r'<span class="type">([^<]*)</span>', body(teacher.get(path)))}
        assert labels <= set(TYPE_LABELS.values())

    def test_no_raw_licence_ids(self, teacher, sandbox, pages):
        raw = seed_licences(sandbox)
        assert raw, "the seed has licences to check"
        shown = {path: sorted(lid for lid in raw if re.search(rf"\b{lid}\b", text_of(body(teacher.get(path)))))
                 for path in pages}
        assert {path: found for path, found in shown.items() if found} == {}

    def test_every_seed_licence_has_a_name(self, sandbox):
        assert {lid.lower() for lid in seed_licences(sandbox)} <= set(LICENCE_NAMES)
