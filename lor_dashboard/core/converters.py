"""``<lorid:...>`` in URL patterns: an id that fails the allowlist is a 404
from the resolver itself, before any view or upstream call."""
from lor_dashboard.lor.ids import ID_PATTERN


class LORIdConverter:
    regex = ID_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
