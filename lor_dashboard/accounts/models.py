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
    renewing_until = models.DateTimeField(null=True)  # a process is renewing (accounts/renewal.py)
    # Whose grant, on which Canvas (from the token answer): an LTI launch by that Canvas user signs in
    # with it at once (accounts/lti_launch.py).
    canvas_base_url = models.CharField(max_length=255, blank=True, default="")
    canvas_user_id = models.CharField(max_length=20, blank=True, default="")
    created = models.DateTimeField(auto_now_add=True)
    renewed = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["canvas_base_url", "canvas_user_id"], name="grant_canvas_user")]


class OAuthState(models.Model):
    """A "Sign in with Canvas" that has started and not finished: taken (deleted) by the one
    callback that wins, so a state works once even when callbacks race. Only a digest is kept."""

    digest = models.CharField(max_length=64, primary_key=True)
    next_url = models.TextField()
    # Started by an LTI launch: the Canvas user the token must belong to, and whether the launch
    # said admin (empty for the sign-in page's "Sign in with Canvas").
    expect_user = models.CharField(max_length=20, blank=True, default="")
    launch_admin = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)


class SignInFailure(models.Model):
    """Failed sign-ins in the current window, per client address and per submitted secret
    (a digest), shared by every worker and instance through the database."""

    key = models.CharField(max_length=80, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    since = models.DateTimeField()
