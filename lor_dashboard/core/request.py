"""The request every view gets (django-htmx's typed-request pattern): htmx details, the signed-in
user the sign-in wall put there, and the request id."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from lor_dashboard.lor import Credentials
from lor_dashboard.lor.renewal import Renewal


@dataclass(frozen=True)
class SignedInUser:
    session_id: str = field(repr=False)
    user_id: str
    name: str
    account_name: str = ""
    account_id: str = ""
    is_admin: bool = False
    owner: str = field(default="", repr=False)  # this sign-in's token: what it keeps (core/kept.py) is under it
    # Set when the Commons session can be renewed from kept Canvas tokens (accounts/renewal.py).
    renewal: Renewal | None = field(default=None, repr=False, compare=False)

    @property
    def credentials(self) -> Credentials:
        return Credentials(session_id=self.session_id, user_id=self.user_id, renewal=self.renewal)


class AppRequest(HttpRequest):
    htmx: HtmxDetails
    lor_user: SignedInUser | None
    request_id: str


class SignedInRequest(AppRequest):
    """A view behind the sign-in wall always has a user."""

    lor_user: SignedInUser
