"""Typed records: both date forms, nulls, missing and unknown fields."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from lor_dashboard.lor import Resource, Session, Update
from lor_dashboard.lor.dates import parse_timestamp

WHEN = datetime(2025, 7, 1, 0, 33, 37, 315000, tzinfo=timezone.utc)


class ParseTimestampTests:
    @pytest.mark.parametrize(
        "value",
        [1751330017315, "1751330017315", "2025-07-01T00:33:37.315Z", "2025-07-01T02:33:37.315+02:00", 1751330017315.0],
    )
    def test_epoch_ms_and_iso_give_the_same_moment(self, value):
        assert parse_timestamp(value) == WHEN

    @pytest.mark.parametrize("value", [None, "", "yesterday", True, [], {}, 10**20])
    def test_unreadable_values_are_none(self, value):
        assert parse_timestamp(value) is None


class ResourceTests:
    def test_full_record(self):
        resource = Resource.from_json({
            "id": "r1", "title": "Cells", "type": "quiz", "updateDate": 1751330017315,
            "authors": [{"id": "a1", "name": "Ann", "avatarUrl": None}], "tags": ["bio", None, 3],
            "thumbnail": {"url": "https://img.test/a.png", "description": "A cell"},
            "favoritedCount": "12", "somethingNew": {"x": 1},
            "versions": [{"id": "v1", "createDate": "2024-01-01T00:00:00Z"}, {"id": "v2", "createDate": 1751330017315}],
        })
        assert resource.update_date == WHEN
        assert resource.authors[0].name == "Ann"
        assert resource.tags == ("bio", "3")
        assert resource.favorited_count == 12
        assert resource.thumbnail_url == "https://img.test/a.png"
        assert [v.id for v in resource.versions] == ["v2", "v1"]  # newest first

    @pytest.mark.parametrize("data", [{}, None, [], {"id": None, "title": None, "authors": None, "thumbnail": None,
                                                     "tags": "x", "versions": None, "favoritedCount": None}])
    def test_missing_and_null_fields_default(self, data):
        resource = Resource.from_json(data)
        assert resource.title == ""
        assert resource.authors == ()
        assert resource.tags == ()
        assert resource.thumbnail_url == ""
        assert resource.versions == ()
        assert resource.favorited_count == 0


class UpdateTests:
    def test_courses_and_nested_resource(self):
        update = Update.from_json({
            "versionNotes": "Fixed typos", "lastUpdateDate": "2025-07-01T00:33:37.315Z",
            "courses": [{"courseId": "c1", "courseName": "Bio", "importDate": 1751330017315}, "junk"],
            "resource": {"id": "r1", "title": "Cells"},
        })
        assert update.resource.title == "Cells"
        assert update.version_notes == "Fixed typos"
        assert [c.course_id for c in update.courses] == ["c1"]
        assert update.courses[0].import_date == WHEN

    def test_missing_everything(self):
        update = Update.from_json({"unknown": 1})
        assert update.courses == ()
        assert update.resource.id == ""
        assert update.last_update_date is None


class SessionRecordTests:
    def test_is_admin_only_when_true(self):
        assert Session.from_json({"userId": "u1", "isAdmin": "yes"}).is_admin is False
        assert Session.from_json({"userId": "u1", "isAdmin": True}).is_admin is True
