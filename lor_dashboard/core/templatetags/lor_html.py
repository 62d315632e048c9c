"""Showing untrusted upstream text safely."""
from __future__ import annotations

import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# A small allowlist: descriptions keep their paragraphs and emphasis, nothing else.
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li"}


@register.filter
def sanitize(value: str) -> str:
    """Upstream HTML reduced to the allowlist: no scripts, attributes, links or images."""
    return mark_safe(nh3.clean(value or "", tags=ALLOWED_TAGS, attributes={}, link_rel=None))
