"""Every page in every language: no English left on it, <html lang dir> right, and the catalogues
complete (every string the code marks, every plural form, placeholders kept)."""
from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from lor_dashboard.sandbox import seed

from .conftest import HTMX, body
from .helpers import elements, favorite_ids, multi_course_update, updates
from .routes import SAMPLES, url_patterns
from .servers import ROOT

ALL = {"es": ("es", "ltr"), "pt-br": ("pt-BR", "ltr"), "fr": ("fr", "ltr"), "ar": ("ar", "rtl")}
LANGUAGES = {code: ALL[code] for code, _name in settings.LANGUAGES if code != "en"}
CATALOGUE = {"es": "es", "pt-br": "pt_BR", "fr": "fr", "ar": "ar"}
# Words no language translates: the product's names, and what the page shows of codes.
NAMES = {"lor", "dashboard", "canvas", "commons", "csv", "id", "e", "mail", "cc", "by", "sa", "nc", "nd",
         "zzzzzz", "x"}  # the tests' own words
NAMES |= {w.lower() for _code, name in settings.LANGUAGES for w in re.findall(r"[^\W\d_]+", name)}
URL = re.compile(r"^https?://\S+$")  # and words of 1-3 capitals: course codes ("ST-3301"), a thumbnail letter
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@lru_cache
def catalogue(lang: str):
    with open(ROOT / "locale" / CATALOGUE[lang] / "LC_MESSAGES" / "django.po", "rb") as po:
        return read_po(po)


@lru_cache
def template_messages() -> dict[str, object]:
    with open(ROOT / "locale" / "django.pot", "rb") as pot:
        return {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(pot) if m.id}


class TextOf(HTMLParser):
    """The words a person meets on a page: text, and the attributes read aloud or shown. Elements in
    another language (the menu's entries, each in its own) and scripts are left out."""

    SPOKEN = ("title", "aria-label", "placeholder", "alt", "data-label")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.page_lang, self.stack, self.texts = page_lang, [], []

    def skipping(self) -> bool:
        return any(tag in ("script", "style", "code") or (lang and lang != self.page_lang) for tag, lang in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            return
        lang = attrs.get("lang")
        if tag not in self.VOID:
            self.stack.append((tag, lang))
        if not self.skipping() and not (lang and lang != self.page_lang):
            self.texts += [attrs[name] for name in self.SPOKEN if attrs.get(name)]

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and not self.skipping():
            self.texts.append(data.strip())


@lru_cache
def data_words(db_path: Path) -> frozenset[str]:
    """Every word the sandbox's data holds (titles, names, courses, notes, tags): upstream text,
    shown as Commons sends it, in whatever language its author wrote."""
    words: set[str] = set()
    with sqlite3.connect(db_path) as db:
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in db.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        words.update(w.lower() for w in WORD.findall(value))

    def walk(value):
        if isinstance(value, str):
            words.update(w.lower() for w in WORD.findall(value))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple, set)):
            for v in value:
                walk(v)

    for value in vars(seed).values():
        walk(value)
    words |= {"cover", "of"}  # the sandbox's thumbnail descriptions: "Cover of {title}", upstream text
    return frozenset(words)


@lru_cache
def catalogue_words(lang: str) -> frozenset[str]:
    """The words of every translation the page's language has (ours and Django's own)."""
    with translation.override(lang):
        catalog = translation.trans_real.translation(lang)._catalog
        texts = [v for _key, v in catalog.items() if isinstance(v, str)]
        # The words of the language's date formats ("25 de março de 2026 às 00:00").
        texts += [formats.date_format(datetime(2026, month, 1), f) for month in range(1, 13)
                  for f in ("DATE_FORMAT", "DATETIME_FORMAT")]
    return frozenset(w.lower() for text in texts for w in WORD.findall(text))


def english_left(html: str, lang: str, db_path: Path) -> list[str]:
    """The texts of a page in ``lang`` holding a word that is neither data, nor a name, nor a word
    of the language's translations: an English string nobody translated, or nobody marked."""
    parser = TextOf(LANGUAGES[lang][0])
    parser.feed(html)
    known = data_words(db_path) | catalogue_words(lang) | NAMES
    return [text for text in parser.texts
            if not URL.match(text) and any(w.lower() not in known and not (w.isupper() and len(w) <= 3) for w in WORD.findall(text))]


def html_lang_dir(html: str) -> tuple[str, str]:
    roots = elements(html, "html")  # none in an htmx fragment
    return (roots[0].attrs.get("lang", ""), roots[0].attrs.get("dir", "")) if roots else ("", "")


def pages(sandbox) -> list[tuple[str, str, str, dict | None]]:
    """(what, method, path, data) of every page a teacher meets: each route's GETs from the URLconf's
    samples (with real ids), and the pages that answer a POST (questions, refusals, outcomes)."""
    update = multi_course_update(sandbox)
    rid, cid = update["resource"]["id"], update["courses"][0]["courseId"]
    real = {"resource_id": rid, "user_id": "u-james", "registration_uuid": "0a833831-dbb0-48e3-a666-eab8d52b52e7"}
    found = []
    for name, _pattern in url_patterns():
        route = SAMPLES[name]
        if not route.page or not route.gets:
            continue
        path = reverse(name, kwargs={k: real[k] for k in route.args})
        found += [(f"{name}{query}", "GET", path + query, None) for query in route.gets if "cursor=abc" not in query]
    ids = [u["resource"]["id"] for u in updates(sandbox)[:2]]
    found += [
        ("import question", "POST", f"/resources/{rid}/import/", {"course_ids": [cid]}),
        ("import refused", "POST", f"/resources/{rid}/import/", {}),
        ("ignore question", "POST", f"/updates/{rid}/ignore/", {"course_ids": [cid]}),
        ("apply question", "POST", f"/updates/{rid}/apply/", {"course_ids": [cid]}),
        ("bulk ignore question", "POST", "/updates/bulk/", {"resource_ids": ids, "action": "ignore"}),
        ("bulk apply question", "POST", "/updates/bulk/", {"resource_ids": ids, "action": "apply"}),
        ("updates by course", "GET", "/updates/?view=courses", None),
        ("a missing page", "GET", "/no-such-page/", None),
        ("a missing resource", "GET", "/resources/no-such-resource/", None),
        ("add by id refused", "POST", "/favorites/add/", {"resource_id": ""}),
        ("favorites filtered to nothing", "GET", "/favorites/?q=zzzzzz", None),
        ("search finding nothing", "GET", "/resources/?q=zzzzzz", None),
    ]
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("lang", list(LANGUAGES))
class EveryPageTests:
    def visit(self, client, lang, method, path, data):
        client.post("/language/", {"language": lang, "next": "/"})
        if method == "GET":
            return client.get(path, follow=True)
        client.get(path if "/updates/" in path else path.rsplit("/", 2)[0] + "/")  # the page the form is on
        return client.post(path, data, follow=True)

    def test_no_english_is_left_on_any_page(self, signed_in, sandbox, lang):
        client = signed_in("demo-admin")
        client.get("/")  # "Signed in as …", said in English before the language was chosen
        left = {}
        for what, method, path, data in pages(sandbox):
            html = body(self.visit(client, lang, method, path, data))
            if english := english_left(html, lang, sandbox.db_path):
                left[what] = english
        assert left == {}

    def test_every_page_says_its_language_and_direction(self, signed_in, sandbox, lang):
        client = signed_in("demo-admin")
        wrong = {}
        for what, method, path, data in pages(sandbox):
            found = html_lang_dir(body(self.visit(client, lang, method, path, data)))
            if found != LANGUAGES[lang]:
                wrong[what] = found
        assert wrong == {}

    def test_the_sign_in_page_has_no_english_left(self, client, sandbox, lang):
        client.post("/language/", {"language": lang, "next": "/"})
        assert english_left(body(client.get("/signin/")), lang, sandbox.db_path) == []

    def test_fragments_have_no_english_left(self, teacher, sandbox, lang):
        teacher.post("/language/", {"language": lang, "next": "/"})
        rid = favorite_ids(sandbox)[0]
        teacher.get("/favorites/")
        removed = body(teacher.post(f"/favorites/{rid}/remove/", {"title": "x"}, headers=HTMX))
        assert english_left(removed, lang, sandbox.db_path) == []


@pytest.mark.parametrize("lang", list(LANGUAGES))
class CatalogueTests:
    def test_every_marked_string_is_in_the_catalogue(self, lang):
        missing = set(template_messages()) - {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue(lang)}
        assert missing == set()

    def test_every_entry_is_translated(self, lang):
        empty = [m.id for m in catalogue(lang) if m.id and (
            not all(m.string) if isinstance(m.string, tuple) else not m.string)]
        assert empty == []

    def test_no_entry_is_fuzzy(self, lang):
        assert [m.id for m in catalogue(lang) if m.id and m.fuzzy] == []

    def test_every_plural_form_the_language_has_is_written(self, lang):
        forms = catalogue(lang).num_plurals
        short = [m.id for m in catalogue(lang) if m.pluralizable and len(m.string) != forms]
        assert short == []

    def test_placeholders_are_kept(self, lang):
        changed = []
        for m in catalogue(lang):
            if not m.id:
                continue
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            expected = set().union(*(PLACEHOLDER.findall(i) for i in ids))
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            for s in strings:
                # A plural form may leave out the count ("one" in Arabic says it in words), nothing else.
                if set(PLACEHOLDER.findall(s)) - expected or expected - set(PLACEHOLDER.findall(s)) - {"num", "count"}:
                    changed.append((m.id, s))
        assert changed == []

    def test_markup_is_kept(self, lang):
        tags = re.compile(r"</?[a-z]+")
        changed = [m.id for m in catalogue(lang) if m.id and isinstance(m.id, str)
                   and sorted(tags.findall(m.id)) != sorted(tags.findall(m.string or ""))]
        assert changed == []


def test_the_template_holds_every_string_the_code_marks():
    """``make messages`` was run after the last string changed."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "gettext_lazy": None, "ngettext_lazy": (1, 2),
                "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3), "pgettext_lazy": ((1, "c"), 2)}
    marked = {m[2] if isinstance(m[2], str) else m[2][0]
              for m in extract_from_dir(str(ROOT), method_map, options_map, keywords=keywords)}
    assert marked - set(template_messages()) == set()


# What a reader sees for 0, 1, 2, 5 and 21 favorites: each language's own plural rules (Portuguese and
# French say 0 in the singular; Arabic has a zero, a one, a dual, a "few" and a "many" form).
FAVORITES_AT = {
    "es": ["0 favoritos", "1 favorito", "2 favoritos", "5 favoritos", "21 favoritos"],
    "pt-br": ["0 favorito", "1 favorito", "2 favoritos", "5 favoritos", "21 favoritos"],
    "fr": ["0 favori", "1 favori", "2 favoris", "5 favoris", "21 favoris"],
    "ar": ["لا مفضّلات", "مفضّل واحد", "مفضّلان", "5 مفضّلات", "21 مفضّلًا"],
}


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize(("index", "count"), list(enumerate([0, 1, 2, 5, 21])))
def test_plural_forms_follow_the_languages_rules(lang, index, count):
    with translation.override(lang):
        said = translation.ngettext("%(count)s favorite", "%(count)s favorites", count) % {"count": count}
    assert said == FAVORITES_AT[lang][index]
