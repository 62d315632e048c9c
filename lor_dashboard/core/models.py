from __future__ import annotations

from django.db import models


class Kept(models.Model):
    """One value a signed-in browser keeps between requests (``core/kept.py``)."""

    owner = models.CharField(max_length=32)  # the sign-in's owner token, from the server-side session
    kind = models.CharField(max_length=32)
    key = models.CharField(max_length=128)  # a resource id (up to 128 characters) or a token
    value = models.JSONField()
    updated = models.DateTimeField(auto_now=True)
    claimed_until = models.DateTimeField(null=True)  # taken by a request that is acting on it...
    claimed_by = models.CharField(max_length=22, default="")  # ...which this names

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "kind", "key"], name="kept_one_per_key")]
        indexes = [models.Index(fields=["updated"], name="kept_updated")]


class ImportRecord(models.Model):
    """One course this dashboard imported a resource into: what it knows of where copies are
    (``core/history.py``). Commons says which courses hold an *older* copy (a pending update); only
    this knows the courses that hold the latest one."""

    user_id = models.CharField(max_length=128)  # the Commons user who imported
    resource_id = models.CharField(max_length=128)
    version_id = models.CharField(max_length=128, blank=True)  # the resource's newest version then
    course_id = models.CharField(max_length=128)
    course_name = models.CharField(max_length=300, blank=True)
    imported = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user_id", "resource_id"], name="import_by_user_resource")]
