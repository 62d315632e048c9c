"""The service module: everything the dashboard knows about the LOR API."""
from .client import MAX_QUERY, MIN_SEARCH_LENGTH, RESOURCE_TYPES, LORClient
from .errors import (
    LORAuthError,
    LORBadRequest,
    LORError,
    LORForbidden,
    LORNotFound,
    LORRateLimited,
    LORUnavailable,
)
from .ids import is_valid_id
from .paging import Page, Walk, iter_pages, walk_all
from .records import Author, Course, CourseImport, Credentials, Resource, Session, Update, UserHit, Version

__all__ = [
    "Author", "Course", "CourseImport", "Credentials", "LORAuthError", "LORBadRequest", "LORClient", "LORError",
    "LORForbidden", "LORNotFound", "LORRateLimited", "LORUnavailable", "Page", "Resource", "Session",
    "Update", "UserHit", "Version", "Walk", "is_valid_id", "iter_pages", "walk_all", "MAX_QUERY", "MIN_SEARCH_LENGTH",
    "RESOURCE_TYPES",
]
