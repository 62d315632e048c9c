"""Schemathesis-style fuzzing of the sandbox from the contract: every operation, every parameter,
odd values, as a teacher and as an admin. No 5xx, no status the contract does not document, no
body its schema does not allow."""
from __future__ import annotations

import itertools
from urllib.parse import quote

import pytest
import requests

from .contract import spec, validate

SESSIONS = {"teacher": "demo-teacher", "admin": "demo-admin"}
OWN_USER = {"teacher": "u-maria", "admin": "u-priya"}
ODD = ["", "0", "-1", "99999999999999999999", "a" * 2000, "<script>", "../..", "%2e%2e", "ü∂🙂", "null", "true",
       "1e309", " ", "quiz,video", "course,nope", ",,,", "b2Zmc2V0OjEw", "%%%", "\u202e"]
BODIES = [None, {}, [], "text", {"courses": []}, {"courses": [{"id": None}]}, {"courses": [{"id": "1101"}]},
          {"courseIds": "x"}, {"courseIds": ["1101"]}, {"resourceId": 5}, {"resourceId": "nope"}, {"jwt_token": ""}]


def _parameters(operation: dict) -> list[dict]:
    params = []
    for param in operation.get("parameters", []):
        if "$ref" in param:
            param = spec()["components"]["parameters"][param["$ref"].rsplit("/", 1)[-1]]
        params.append(param)
    return params


def operations():
    for path, item in spec()["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "delete", "put", "patch"):
                yield path, method, operation


def cases(path: str, method: str, operation: dict, who: str):
    """(url path, query, body): each odd value in each parameter, the others sensible."""
    params = _parameters(operation)
    sensible = {"userId": OWN_USER[who], "resourceId": "a1b2c300", "id": SESSIONS[who]}
    for param, value in itertools.product(params or [None], ODD):
        values = dict(sensible)
        query = {}
        if param is not None:
            if param["in"] == "path":
                if not value.strip() or "/" in value:
                    continue  # an empty segment or a slash names another URL (the dashboard's ids never do)
                values[param["name"]] = value
            else:
                query[param["name"]] = value
        url = path.format(**{k: quote(v, safe="") for k, v in values.items()})
        for body in (BODIES if method != "get" else [None]):
            yield url, query, body
            if param is None:
                continue
            break  # with a parameter odd, one body is enough


@pytest.fixture(scope="module")
def http():
    with requests.Session() as session:
        yield session


@pytest.mark.parametrize("who", sorted(SESSIONS))
@pytest.mark.parametrize("path, method, operation", list(operations()), ids=lambda v: v if isinstance(v, str) else "")
def test_no_5xx_undocumented_status_or_schema_mismatch(sandbox, http, who, path, method, operation):
    for url, query, body in cases(path, method, operation, who):
        response = http.request(method.upper(), sandbox.url + url, params=query, json=body, timeout=10,
                                headers={"X-Session-ID": SESSIONS[who]}, allow_redirects=False)
        where = f"{who}: {method.upper()} {url} {query} {body!r:.60}"
        assert response.status_code < 500, where
        try:
            validate(response, path, method)
        except Exception as exc:  # an undocumented status, or a body its schema does not allow
            raise AssertionError(f"{where}: {str(exc)[:300]}") from None
