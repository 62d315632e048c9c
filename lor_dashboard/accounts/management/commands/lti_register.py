"""``manage.py lti_register``: register (or update) a Canvas as an LTI 1.3 platform, idempotently.

Run it after creating the LTI developer key from ``/lti/config.json``; it prints the URLs to
check against the key. The first run also creates the tool's signing key (``rotate_keys`` makes
new ones later)."""
from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from lti_tool.models import Key, LtiDeployment, LtiRegistration

_URL = URLValidator(schemes=["https", "http"])


def _url(value: str) -> str:
    try:
        _URL(value)
    except ValidationError as exc:
        raise CommandError(f"not a URL: {value!r}") from exc
    return value


class Command(BaseCommand):
    help = "Register a Canvas (LTI 1.3 platform) and its deployments; print the tool's URLs for it."

    def add_arguments(self, parser):
        parser.add_argument("--issuer", required=True, help="e.g. https://canvas.instructure.com")
        parser.add_argument("--client-id", required=True, help="the LTI developer key's client id")
        parser.add_argument("--auth-url", required=True, type=_url,
                            help="e.g. https://sso.canvaslms.com/api/lti/authorize_redirect")
        parser.add_argument("--keyset-url", required=True, type=_url,
                            help="e.g. https://sso.canvaslms.com/api/lti/security/jwks")
        parser.add_argument("--token-url", required=True, type=_url,
                            help="e.g. https://sso.canvaslms.com/login/oauth2/token")
        parser.add_argument("--deployment-id", required=True, action="append", dest="deployments",
                            help="a deployment id (repeat for more); each is made active")
        parser.add_argument("--name", default="", help="a label (default: the issuer)")
        parser.add_argument("--tool-url", default="http://127.0.0.1:8000",
                            help="where the dashboard is reached, for the printed URLs")
        parser.add_argument("--json", action="store_true", help="print the URLs as JSON")

    def handle(self, *args, **options):
        with transaction.atomic():
            registration, created = LtiRegistration.objects.update_or_create(
                issuer=options["issuer"], client_id=options["client_id"],
                defaults={"name": options["name"] or options["issuer"], "auth_url": options["auth_url"],
                          "keyset_url": options["keyset_url"], "token_url": options["token_url"], "is_active": True})
            for deployment_id in options["deployments"]:
                LtiDeployment.objects.update_or_create(registration=registration, deployment_id=deployment_id,
                                                       defaults={"is_active": True})
            new_key = not Key.objects.active().exists()
            if new_key:
                Key.objects.generate()
        tool = options["tool_url"].rstrip("/")
        urls = {
            "oidc_initiation_url": tool + reverse("accounts:lti_login_for", args=[registration.uuid]),
            "target_link_uri": tool + reverse("accounts:lti_launch"),
            "public_jwk_url": tool + reverse("accounts:lti_jwks"),
        }
        if options["json"]:
            self.stdout.write(json.dumps(urls))
            return
        self.stdout.write(f"{'Registered' if created else 'Updated'} {registration.issuer} "
                          f"(client id {registration.client_id}), deployments: {', '.join(options['deployments'])}.")
        if new_key:
            self.stdout.write("Created the tool's signing key (rotate it with manage.py rotate_keys).")
        self.stdout.write(f"OIDC initiation URL: {urls['oidc_initiation_url']}")
        self.stdout.write(f"Launch URL:          {urls['target_link_uri']}")
        self.stdout.write(f"Public JWK URL:      {urls['public_jwk_url']}")
