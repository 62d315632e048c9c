"""The sandbox's pages in the visitor's language: it stands in for Canvas and Commons, which translate
their own pages. Its own catalogue (domain ``sandbox`` in ``locale/``, made by ``make messages``), read
with the standard library: the sandbox shares no code with the dashboard."""
from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
# Canvas' code (lower case, no K-12 suffix) → the catalogue's.
OFFERED = {"en": "en", "es": "es", "pt-br": "pt_BR", "pt": "pt_BR", "fr": "fr", "ar": "ar"}
RTL = {"ar"}


def language(*candidates: str) -> str:
    """The first offered language among Canvas codes or an Accept-Language header, else English."""
    for candidate in candidates:
        for part in (candidate or "").split(","):
            code = part.split(";")[0].strip().lower().removesuffix("-x-k12")
            for tag in (code, code.split("-")[0]):
                if tag in OFFERED:
                    return OFFERED[tag]
    return "en"


@lru_cache(maxsize=8)
def translation(lang: str) -> gettext.NullTranslations:
    return gettext.translation("sandbox", LOCALE_DIR, [lang], fallback=True)


def html_attributes(lang: str) -> str:
    return f'lang="{lang.replace("_", "-")}" dir="{"rtl" if lang in RTL else "ltr"}"'
