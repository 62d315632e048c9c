"""The site's one template engine: Jinja2 through Django's own backend.

Chosen for speed (bench/README.md): a 50-card page rendered in Django templates cost ~0.3 ms a
card, in Jinja2 a fraction of that. ``"page.html#block"`` renders one block of a page (htmx
fragments), the way django-template-partials named partials did, with jinja2-fragments.
"""
from __future__ import annotations

import html
from functools import lru_cache
from urllib.parse import quote

import jinja2
import nh3
from django.conf import settings
from django.template.backends.jinja2 import Jinja2, Template
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, npgettext, pgettext
from django_htmx.jinja import htmx_script
from jinja2_fragments import render_block
from markupsafe import Markup

from lor_dashboard.core.language import html_lang
from lor_dashboard.core.text import licence_name, type_label
from lor_dashboard.lor.client import resource_page_url

# A small allowlist: descriptions keep their paragraphs and emphasis, nothing else.
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li"}
PREVIEW_LENGTH = 180


# Memory the caches below may hold at most: entries x the longest text kept (descriptions and
# titles are upstream text, so a cache keyed by them is bounded in size as well as in count).
CACHED_TEXT = 4000


def sanitize(value: str | None) -> Markup:
    """Upstream HTML reduced to the allowlist: no scripts, attributes, links or images.
    Cached by text (the same descriptions come back on every request; 5 % of a 50-card page,
    bench/README.md), except for a text too long to keep."""
    text = value or ""
    return _clean(text) if len(text) <= CACHED_TEXT else _clean.__wrapped__(text)


@lru_cache(maxsize=1024)
def _clean(text: str) -> Markup:
    return Markup(nh3.clean(text, tags=ALLOWED_TAGS, attributes={}, link_rel=None))


def preview(value: str | None, length: int = PREVIEW_LENGTH) -> str:
    """Plain text of upstream HTML, cut at ``length`` characters with an ellipsis."""
    text = html.unescape(" ".join(nh3.clean(value or "", tags=set()).split()))
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def when(value) -> Markup:
    """A readable date in the page's language, with the exact time on hover. Cached by what
    Django's formatting reads (the moment, the language, the time zone): a third of a 50-card
    page's CPU without it (bench/README.md), as lists repeat the same dates."""
    if value is None:
        return Markup("")
    return _when(value, translation.get_language(), timezone.get_current_timezone_name())


@lru_cache(maxsize=4096)
def _when(value, language: str, zone: str) -> Markup:
    moment = timezone.localtime(value)
    return format_html('<time datetime="{}" title="{}">{}</time>', moment.isoformat(),
                       formats.date_format(moment, "DATETIME_FORMAT"), formats.date_format(moment, "DATE_FORMAT"))


def short_date(value) -> str:
    """"Mar 2, 2025", "2 de marzo de 2025": the page's language, from Django's locale formats."""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(moment, "DATE_FORMAT")


def qs(value) -> str:
    """A query-string value, every reserved character quoted."""
    return quote(str(value), safe="")


def url(name: str, *args) -> str:
    """``reverse(name, args=args)``, remembered by what reverse() reads besides them (the script
    prefix and the request's URLconf): cards ask for the same URLs on every page, and reversing
    them each time was a third of a 50-card page's CPU (bench/README.md)."""
    return _reversed(get_script_prefix(), get_urlconf(), name, args)


@lru_cache(maxsize=4096)
def _reversed(prefix: str, urlconf, name: str, args: tuple) -> str:
    return reverse(name, args=args, urlconf=urlconf)


def error_pairs(form) -> list[tuple[str, str]]:
    """(field id, message) for every error of a bound form, for the error summary; errors
    that belong to no field point at the first field."""
    fields = list(form)
    first = fields[0].id_for_label if fields else ""
    pairs = [(first, str(e)) for e in form.non_field_errors()]
    for field in fields:
        pairs += [(field.id_for_label, str(e)) for e in field.errors]
    return pairs


def field_widget(field) -> Markup:
    """The field's widget, tied to its error message (``<id>-error``) when it has one."""
    if not field.errors:
        return Markup(field.as_widget())
    return Markup(field.as_widget(attrs={"aria-invalid": "true", "aria-describedby": f"{field.id_for_label}-error"}))


def title_link(href: str, title: str, autofocus: bool = False) -> Markup:
    """A resource's title: a link when it has somewhere to go (``href``), plain text otherwise.
    A function, not a macro: it runs once a card, and a Jinja macro call costs several times more."""
    text = title or gettext("Untitled resource")
    if not href:
        return Markup.escape(text)
    return format_html('<a href="{}"{}>{}</a>', href, Markup(" autofocus") if autofocus else "", text)


def commons_url(resource_id: str) -> str:
    """Where a resource lives in Commons: the service module says, for pages and CSV alike."""
    return resource_page_url(settings.LOR_BASE_URL, resource_id)


def languages() -> list[tuple[str, str, str, bool]]:
    """The footer's menu: (code, BCP 47 tag, name in its own language, is it the page's)."""
    current = translation.get_language()
    return [(code, html_lang(code), name, code == current) for code, name in settings.LANGUAGES]


def environment(**options) -> jinja2.Environment:
    env = jinja2.Environment(**{**options, "extensions": [*options.get("extensions", ()), "jinja2.ext.i18n"]})
    # Django's own gettext, new-style: {{ _("Hello %(name)s", name=x) }} escapes and formats.
    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext)
    env.globals.update(url=url, static=static, commons_url=commons_url, title_link=title_link,
                       htmx_script=htmx_script, error_pairs=error_pairs, html_lang=html_lang,
                       rtl=translation.get_language_bidi, languages=languages)
    env.filters.update(sanitize=sanitize, preview=preview, when=when, short_date=short_date, qs=qs,
                       field_widget=field_widget, type_label=type_label, licence=licence_name)
    return env


class _Block:
    """One named block of a Jinja template, rendered like the template itself: Django's
    backend then gives it the same context and error reporting a whole page gets."""

    def __init__(self, template: jinja2.Template, block: str):
        self.template, self.block = template, block
        self.name, self.filename = template.name, template.filename

    def render(self, context: dict) -> str:
        return render_block(self.template.environment, self.template.name, self.block, context)


class Jinja2WithFragments(Jinja2):
    """Django's Jinja2 backend, plus ``"name.html#block"`` for one block of a template."""

    def get_template(self, template_name):
        name, _, block = template_name.partition("#")
        template = super().get_template(name)
        return Template(_Block(template.template, block), self) if block else template
