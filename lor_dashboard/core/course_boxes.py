"""A page's course checkboxes and what a refused choice of them looks like, the same on a
resource's import form and an update's page: with htmx, the error beside the boxes (announced,
the group marked invalid); without JavaScript, the page again, which gets the refusal's key and
says it in its own language."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.functional import Promise

from .flash import flash, take
from .rendering import group_error, wants_fragment


@dataclass(frozen=True)
class CourseBoxes:
    template: str  # the page's, with a ``courses_error`` block
    page: str  # its URL name, taking ``resource_id``
    group: str  # the fieldset's id
    error_id: str  # the error block's id (aria-describedby of the fieldset)
    words: Mapping[str, str | Promise]  # a refusal's key: what to say

    def said(self, problem: str) -> str:
        """A refusal's words ("" for none, or a key no longer known)."""
        return str(self.words[problem]) if problem in self.words else ""

    def refuse(self, request, resource_id: str, problem: str) -> HttpResponse:
        if wants_fragment(request):
            return group_error(request, f"{self.template}#courses_error", self.said(problem), group=self.group,
                               error_id=self.error_id)
        flash(request, self.error_id, problem, about=resource_id)
        return redirect(self.page, resource_id=resource_id)

    def kept_error(self, request, resource_id: str) -> str:
        """The words of the refusal that sent the teacher back here, once."""
        return self.said(take(request, self.error_id, about=resource_id, default=""))
