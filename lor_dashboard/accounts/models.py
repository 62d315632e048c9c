from __future__ import annotations

import uuid

from django.db import models


class CanvasGrant(models.Model):
    """What an OAuth sign-in leaves behind to renew the Commons session later.

    Every token is encrypted at rest (``accounts.secrets``); the row is found only
    through the id kept in the server-side session.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    refresh_token = models.TextField()
    access_token = models.TextField()
    access_expires = models.DateTimeField()
    commons_session = models.TextField()  # the latest Commons session id, so concurrent renewals renew once
    created = models.DateTimeField(auto_now_add=True)
    renewed = models.DateTimeField(auto_now=True)
