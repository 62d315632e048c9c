"""Validate responses against the upstream contract's OpenAPI schemas (jsonschema)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent
# ../shared holds the live contract; contract/ keeps a copy for a checkout without it.
CANDIDATES = [ROOT.parent / "shared" / "lor-api.openapi.yaml", ROOT / "contract" / "lor-api.openapi.yaml"]
URN = "urn:lor-api"


@lru_cache
def spec() -> dict:
    path = next(p for p in CANDIDATES if p.exists())
    return yaml.safe_load(path.read_text())


@lru_cache
def _registry() -> Registry:
    return Registry().with_resource(URN, Resource.from_contents(spec(), default_specification=DRAFT202012))


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def response_schema(path: str, method: str, status: int) -> dict | None:
    """The JSON schema the contract gives for this response, or None when it has no body."""
    responses = spec()["paths"][path][method]["responses"]
    assert str(status) in responses, f"{method.upper()} {path} may not answer {status}"
    response = responses[str(status)]
    location = ["paths", path, method, "responses", str(status)]
    if "$ref" in response:
        location = response["$ref"].lstrip("#/").split("/")
        response = spec()["components"]["responses"][location[-1]]
    if "application/json" not in response.get("content", {}):
        return None
    return {"$ref": f"{URN}#/" + _pointer(*location, "content", "application/json", "schema")}


def validate(response, path: str, method: str = "get") -> None:
    """Assert ``response`` (a requests.Response) is one the contract allows for this operation."""
    schema = response_schema(path, method, response.status_code)
    if schema is None:
        return
    validator = jsonschema.Draft202012Validator(schema, registry=_registry())
    validator.validate(response.json())
