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
from django.middleware.csrf import get_token
from django.template.backends.jinja2 import Jinja2, Template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import SimpleLazyObject
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


@lru_cache(maxsize=4096)
def sanitize(value: str | None) -> Markup:
    """Upstream HTML reduced to the allowlist: no scripts, attributes, links or images.
    Cached by text: the same descriptions come back on every request."""
    return Markup(nh3.clean(value or "", tags=ALLOWED_TAGS, attributes={}, link_rel=None))


@lru_cache(maxsize=4096)
def preview(value: str | None, length: int = PREVIEW_LENGTH) -> str:
    """Plain text of upstream HTML, cut at ``length`` characters with an ellipsis."""
    text = html.unescape(" ".join(nh3.clean(value or "", tags=set()).split()))
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def when(value) -> Markup:
    """A readable date in the page's language, with the exact time on hover."""
    return Markup("") if value is None else _when(value, translation.get_language())


@lru_cache(maxsize=8192)
def _when(value, language: str) -> Markup:
    """Cached by moment and language: the site shows every date in the one TIME_ZONE (none is
    activated per user), and lists repeat the same dates."""
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


@lru_cache(maxsize=256)
def static_url(path: str) -> str:
    """``static()``, remembered: the hashed name of a file does not change while the process runs."""
    return static(path)


@lru_cache(maxsize=8192)
def url(name: str, *args) -> str:
    """``reverse()``, remembered: cards ask for the same few URLs on every request."""
    return reverse(name, args=args)


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
    env.globals.update(url=url, static=static_url, commons_url=commons_url, title_link=title_link,
                       htmx_script=htmx_script, error_pairs=error_pairs, html_lang=html_lang,
                       rtl=translation.get_language_bidi, languages=languages)
    env.filters.update(sanitize=sanitize, preview=preview, when=when, short_date=short_date, qs=qs,
                       field_widget=field_widget, type_label=type_label, licence=licence_name)
    return env


def page_context(backend, context, request) -> dict:
    """What Django's Jinja2 backend puts in every context, with the CSRF token masked once per
    response (Django masks it anew on every use: 32 random characters for each form on a page)."""
    context = dict(context or {})
    if request is not None:
        token = SimpleLazyObject(lambda: get_token(request))
        context.update(
            request=request, csrf_token=token,
            csrf_input=SimpleLazyObject(lambda: format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)),
        )
        for processor in backend.template_context_processors:
            context.update(processor(request))
    return context


class PageTemplate(Template):
    def render(self, context=None, request=None):
        return self.template.render(page_context(self.backend, context, request))


class FragmentTemplate(Template):
    """One block of a template, rendered with the same context a whole page gets."""

    def __init__(self, template, backend, block: str):
        super().__init__(template, backend)
        self.block = block

    def render(self, context=None, request=None):
        return render_block(self.backend.env, self.template.name, self.block, page_context(self.backend, context, request))


class Jinja2WithFragments(Jinja2):
    """Django's Jinja2 backend, plus ``"name.html#block"`` for one block of a template."""

    def get_template(self, template_name):
        name, _, block = template_name.partition("#")
        template = super().get_template(name).template
        return FragmentTemplate(template, self, block) if block else PageTemplate(template, self)
