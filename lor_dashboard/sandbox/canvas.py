"""The sandbox plays Canvas: OAuth2 authorize (a page where a demo user approves), the token
endpoint (code and refresh grants, revoke), and the LTI jwt_token endpoint."""
from __future__ import annotations

import html
from urllib.parse import parse_qs, urlencode

from . import jwt, words
from .responses import Response, html_response, json_response
from .seed import CANVAS_CLIENT_ID, CANVAS_CLIENT_SECRET, CANVAS_SCOPES, DEMO_SESSIONS, NEVER_LAUNCHED

ACCESS_LIFETIME_MS = 3_600_000
REFRESH_LIFETIME_MS = 90 * 86_400_000
CODE_LIFETIME_MS = 60_000


def routes(app) -> None:
    app.route("GET", r"/login/oauth2/auth", lambda req: authorize_page(app, req), auth=False)
    app.route("POST", r"/login/oauth2/auth", lambda req: authorize_decision(app, req), auth=False)
    app.route("POST", r"/login/oauth2/token", lambda req: token(app, req), auth=False)
    app.route("DELETE", r"/login/oauth2/token", lambda req: revoke(app, req), auth=False)
    app.route("GET", r"/api/lti/accounts/self/jwt_token", lambda req: jwt_token(app, req), auth=False)
    app.route("GET", r"/api/v1/users/self", lambda req: user_self(app, req), auth=False)
    app.route("POST", r"/sandbox/expire", lambda req: expire(app, req), auth=False)
    app.route("POST", r"/sandbox/canvas-locale", lambda req: set_locale(app, req), auth=False)


def _redirect(url: str, **params: str):
    separator = "&" if "?" in url else "?"
    return Response(302, headers=[("Location", url + separator + urlencode(params))])


def _form(req) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(req.body.decode("utf-8", "replace"), keep_blank_values=True).items()}


def _bearer(req) -> str:
    value = req.headers.get("authorization", "")
    return value[7:] if value.lower().startswith("bearer ") else ""


def authorize_page(app, req):
    q = req.query
    lang = words.language(req.headers.get("accept-language", ""))
    _ = words.translation(lang).gettext
    if q.get("client_id") != CANVAS_CLIENT_ID or q.get("response_type") != "code" or not q.get("redirect_uri"):
        return html_response("Canvas", "<h1>" + _("Unknown developer key or bad request") + "</h1>", 400, lang)
    scopes = set(q.get("scope", "").split())
    if scopes - CANVAS_SCOPES:
        return _redirect(q["redirect_uri"], error="invalid_scope", state=q.get("state", ""))
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{html.escape(q.get(name, ""))}">'
        for name in ("client_id", "redirect_uri", "state")
    )
    people = [(uid, name) for uid, name, _admin in DEMO_SESSIONS.values()]
    people += [(u, _("Never Launched (no Commons yet)")) for u in sorted(NEVER_LAUNCHED)]
    buttons = "".join(
        f'<li><button name="user_id" value="{uid}">' + _("Authorize as %(name)s") % {"name": html.escape(name)} + "</button></li>"
        for uid, name in people
    )
    body = (
        "<h1>" + _("Canvas (sandbox)") + "</h1><p>" + _("LOR Dashboard is requesting access to your account.") + "</p>"
        f'<form method="post" action="/login/oauth2/auth">{hidden}<input type="hidden" name="decision" value="approve">'
        f"<ul>{buttons}</ul></form>"
        f'<form method="post" action="/login/oauth2/auth">{hidden}<input type="hidden" name="decision" value="deny">'
        "<button>" + _("Cancel") + "</button></form>"
    )
    return html_response(_("Authorize"), body, lang=lang)


def authorize_decision(app, req):
    form = _form(req)
    if form.get("client_id") != CANVAS_CLIENT_ID or not form.get("redirect_uri"):
        return html_response("Canvas", "<h1>Bad request</h1>", 400)
    if form.get("decision") != "approve" or app.store.user(form.get("user_id", "")) is None:
        return _redirect(form["redirect_uri"], error="access_denied", state=form.get("state", ""))
    code = app.store.issue_canvas_tokens("code", form["user_id"], CODE_LIFETIME_MS, refresh=form["redirect_uri"])
    return _redirect(form["redirect_uri"], code=code, state=form.get("state", ""))


def token(app, req):
    form = _form(req)
    if form.get("client_id") != CANVAS_CLIENT_ID or form.get("client_secret") != CANVAS_CLIENT_SECRET:
        return json_response({"error": "invalid_client", "error_description": "Unknown developer key."}, 401)
    store = app.store
    if form.get("grant_type") == "authorization_code":
        code = store.take_code(form.get("code", ""))
        if code is None or code["refresh"] != form.get("redirect_uri"):
            return json_response({"error": "invalid_grant", "error_description": "Bad or used code."}, 400)
        user = store.user(code["user_id"])
        refresh = store.issue_canvas_tokens("refresh", user["id"], REFRESH_LIFETIME_MS)
        access = store.issue_canvas_tokens("access", user["id"], ACCESS_LIFETIME_MS, refresh=refresh)
        return json_response({"access_token": access, "token_type": "Bearer", "refresh_token": refresh,
                              "user": {"id": user["canvas_user_id"], "name": user["full_name"]}, "expires_in": 3600})
    if form.get("grant_type") == "refresh_token":
        row = store.canvas_token(form.get("refresh_token", ""), "refresh")
        if row is None:
            return json_response({"error": "invalid_grant", "error_description": "Refresh token is not valid."}, 400)
        user = store.user(row["user_id"])
        access = store.issue_canvas_tokens("access", user["id"], ACCESS_LIFETIME_MS, refresh=row["token"])
        return json_response({"access_token": access, "token_type": "Bearer", "expires_in": 3600,
                              "user": {"id": user["canvas_user_id"], "name": user["full_name"]}})
    return json_response({"error": "unsupported_grant_type"}, 400)


def revoke(app, req):
    app.store.revoke_canvas(_bearer(req))
    return json_response({})


def jwt_token(app, req):
    row = app.store.canvas_token(_bearer(req), "access|personal")
    if row is None:
        return json_response({"errors": [{"message": "Invalid access token."}]}, 401)
    if not req.query.get("tool_launch_url"):
        return json_response({"errors": [{"message": "tool_launch_url is required"}]}, 400)
    return json_response({"jwt_token": jwt.issue(row["user_id"])})


def user_self(app, req):
    """The profile fields the dashboard reads: ``locale`` is null until the user picks one in Canvas;
    ``effective_locale`` is what Canvas shows them (the account's default, English here)."""
    row = app.store.canvas_token(_bearer(req), "access|personal")
    if row is None:
        return json_response({"errors": [{"message": "Invalid access token."}]}, 401)
    user = app.store.user(row["user_id"])
    chosen = app.canvas_locales.get(row["user_id"])
    return json_response({"id": int(user["canvas_user_id"] or 0), "name": user["full_name"],
                          "locale": chosen, "effective_locale": chosen or "en"})


def set_locale(app, req):
    """Test and demo control: the language a user set in their Canvas profile (null: none)."""
    body = req.json() if req.body else {}
    if not isinstance(body, dict) or not isinstance(body.get("userId"), str):
        return json_response({"errors": [{"message": "userId is required"}]}, 400)
    if isinstance(body.get("locale"), str) and body["locale"]:
        app.canvas_locales[body["userId"]] = body["locale"][:35]
    else:
        app.canvas_locales.pop(body["userId"], None)
    return Response(204)


def expire(app, req):
    """Test control: end a user's Commons sessions, or expire their Canvas access tokens."""
    body = req.json() if req.body else {}
    user_id = body.get("userId", "") if isinstance(body, dict) else ""
    if body.get("what") == "canvas":
        app.store.expire_access_tokens(user_id)
    else:
        app.store.expire_sessions(user_id)
    return Response(204)
