"""The sandbox plays Canvas as an LTI 1.3 platform: a "Canvas course" page that opens the
dashboard in a frame or a new window for each demo teacher, the OIDC auth endpoint that answers
the dashboard's login with a signed id_token (RS256, this process's own key), and its JWKS.

Like the sandbox's OAuth page, it trusts the browser about who is launching (the login hint):
it is a demo platform, not a security boundary. The dashboard is told where it lives by
``POST /sandbox/lti/tool`` (``make run`` and the tests do it after ``lti_register``)."""
from __future__ import annotations

import base64
import hashlib
import html
import time
from urllib.parse import parse_qs, urlencode

import jwt as pyjwt
from cryptography.hazmat.primitives.asymmetric import rsa

from . import words
from .responses import HTTPError, Response, html_response, json_response
from .seed import COURSES, DEMO_SESSIONS

CLIENT_ID = "sandbox-lti-key"
DEPLOYMENT_ID = "sandbox-deployment-1"
KID = "sandbox-platform-key"
LTI = "https://purl.imsglobal.org/spec/lti/claim/"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"
TEACHER = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"


class Platform:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.tool: dict[str, str] = {}  # loginUrl, launchUrl


def routes(app) -> None:
    platform = app.lti = Platform()
    app.route("GET", r"/api/lti/security/jwks", lambda req: jwks(platform), auth=False)
    app.route("GET", r"/api/lti/authorize_redirect", lambda req: authorize(app, platform, req), auth=False)
    app.route("POST", r"/api/lti/authorize_redirect", lambda req: authorize(app, platform, req), auth=False)
    app.route("GET", r"/sandbox/lti/config", lambda req: json_response(config(req)), auth=False)
    app.route("POST", r"/sandbox/lti/tool", lambda req: set_tool(platform, req), auth=False)
    app.route("GET", r"/sandbox/lti/start", lambda req: start(platform, req), auth=False)
    app.route("GET", r"/sandbox/canvas-course", lambda req: course_page(platform, req), auth=False)


def config(req) -> dict:
    """What ``lti_register`` needs to know about this platform."""
    return {"issuer": req.base_url, "clientId": CLIENT_ID, "deploymentId": DEPLOYMENT_ID,
            "authUrl": f"{req.base_url}/api/lti/authorize_redirect",
            "keysetUrl": f"{req.base_url}/api/lti/security/jwks", "tokenUrl": f"{req.base_url}/login/oauth2/token"}


def _b64(number: int) -> str:
    return base64.urlsafe_b64encode(number.to_bytes((number.bit_length() + 7) // 8, "big")).decode().rstrip("=")


def jwks(platform: Platform) -> Response:
    public = platform.key.public_key().public_numbers()
    return json_response({"keys": [{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": KID,
                                    "n": _b64(public.n), "e": _b64(public.e)}]})


def set_tool(platform: Platform, req) -> Response:
    body = req.json()
    if not isinstance(body, dict) or not all(isinstance(body.get(k), str) for k in ("loginUrl", "launchUrl")):
        raise HTTPError(400, "loginUrl and launchUrl are required.")
    platform.tool = {"loginUrl": body["loginUrl"], "launchUrl": body["launchUrl"]}
    return Response(204)


def _teacher(user_id: str):
    return next(((uid, name, admin) for uid, name, admin in DEMO_SESSIONS.values() if uid == user_id), None)


def start(platform: Platform, req) -> Response:
    """A click on the dashboard in Canvas' navigation: Canvas begins the OIDC login at the tool."""
    lang = words.language(req.query.get("locale", ""), req.headers.get("accept-language", ""))
    _ = words.translation(lang).gettext
    if not platform.tool:
        return html_response("Canvas", "<h1>" + _("LOR Dashboard is not installed in this Canvas yet") + "</h1><p>"
                                       + _("Start it with <code>make run</code>, which registers it.") + "</p>", 409, lang)
    user, course, locale = req.query.get("user", ""), req.query.get("course", ""), req.query.get("locale", "")[:35]
    target = "window" if req.query.get("target") == "window" else "iframe"
    if _teacher(user) is None:
        raise HTTPError(404, "No such demo teacher.")
    params = {"iss": req.base_url, "login_hint": user, "target_link_uri": platform.tool["launchUrl"],
              "client_id": CLIENT_ID, "lti_deployment_id": DEPLOYMENT_ID, "lti_message_hint": f"{course}|{target}|{locale}"}
    return Response(302, headers=[("Location", f"{platform.tool['loginUrl']}?{urlencode(params)}")])


def authorize(app, platform: Platform, req) -> Response:
    """The platform's OIDC auth endpoint: checks the tool's request, then form-posts an id_token back."""
    q = req.query if req.method == "GET" else {**req.query, **_form(req)}
    teacher = _teacher(q.get("login_hint", ""))
    if (q.get("client_id") != CLIENT_ID or q.get("response_type") != "id_token" or q.get("scope") != "openid"
            or not platform.tool or q.get("redirect_uri") != platform.tool["launchUrl"] or not q.get("nonce")
            or teacher is None):
        return html_response("Canvas", "<h1>This launch request is not valid</h1>", 400)
    course, target, locale = (q.get("lti_message_hint", "").split("|") + ["", ""])[:3]
    uid, name, admin = teacher
    locale = locale or app.canvas_locales.get(uid) or "en"  # Canvas sends the language it shows the teacher
    lang = words.language(locale)
    _ = words.translation(lang).gettext
    user = app.store.user(uid)
    now = int(time.time())
    courses = dict(COURSES.get(uid, []))
    claims = {
        "iss": req.base_url, "aud": CLIENT_ID, "sub": hashlib.sha256(f"sandbox-lti:{uid}".encode()).hexdigest()[:32],
        "iat": now, "exp": now + 300, "nonce": q["nonce"], "name": name,
        LTI + "message_type": "LtiResourceLinkRequest", LTI + "version": "1.3.0",
        LTI + "deployment_id": DEPLOYMENT_ID, LTI + "target_link_uri": platform.tool["launchUrl"],
        LTI + "resource_link": {"id": f"nav-{course or 'global'}", "title": "LOR Dashboard"},
        LTI + "roles": [ADMIN if admin else TEACHER] + ([INSTRUCTOR] if course else []),
        LTI + "launch_presentation": {"document_target": target or "iframe", "locale": locale},
        LTI + "custom": {"canvas_user_id": user["canvas_user_id"] if user else "", "canvas_api_base_url": req.base_url,
                         "canvas_course_id": course if course in courses else "$Canvas.course.id", "locale": locale},
    }
    if course in courses:
        claims[LTI + "context"] = {"id": course, "title": courses[course],
                                   "type": ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"]}
    token = pyjwt.encode(claims, platform.key, algorithm="RS256", headers={"kid": KID})
    body = (
        "<h1>" + _("Opening LOR Dashboard…") + "</h1>"
        f'<form method="post" action="{html.escape(q["redirect_uri"])}">'
        f'<input type="hidden" name="id_token" value="{html.escape(token)}">'
        f'<input type="hidden" name="state" value="{html.escape(q.get("state", ""))}">'
        "<button>" + _("Continue") + "</button></form><script>document.forms[0].submit()</script>"
    )
    return html_response(_("Opening LOR Dashboard"), body, lang=lang)


def _form(req) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(req.body.decode("utf-8", "replace"), keep_blank_values=True).items()}


def course_page(platform: Platform, req) -> Response:
    """A stand-in for a Canvas course: LOR Dashboard in its navigation, for each demo teacher, in the
    language Canvas is set to (``?locale=``: the launches say it too)."""
    locale = req.query.get("locale", "")[:35]
    lang = words.language(locale, req.headers.get("accept-language", ""))
    _ = words.translation(lang).gettext
    rows = []
    for uid, name, _admin in DEMO_SESSIONS.values():
        course_id, course_name = COURSES[uid][0]
        here = {"user": uid, "course": course_id, **({"locale": locale} if locale else {})}
        links = [
            (_("As %(name)s: in this frame, from %(course)s") % {"name": name, "course": course_name},
             {**here, "target": "iframe"}, "tool-frame"),
            (_("As %(name)s: in a new window, from %(course)s") % {"name": name, "course": course_name},
             {**here, "target": "window"}, "_blank"),
            (_("As %(name)s: in this frame, from the global navigation") % {"name": name},
             {**{k: v for k, v in here.items() if k != "course"}, "target": "iframe"}, "tool-frame"),
        ]
        items = "".join(f'<li><a href="/sandbox/lti/start?{html.escape(urlencode(params))}" target="{target}">'
                        f"{html.escape(text)}</a></li>" for text, params, target in links)
        rows.append(f"<h2>{html.escape(name)}</h2><ul>{items}</ul>")
    languages = " · ".join(f'<a href="/sandbox/canvas-course?locale={code}" lang="{code}">{html.escape(label)}</a>'
                           for code, label in CANVAS_LANGUAGES)
    body = (
        "<h1>" + _("Canvas course (sandbox)") + "</h1><p>"
        + _("Open LOR Dashboard as a demo teacher, the way Canvas’ navigation does. "
            "The first launch asks for permission once; later ones open straight away.")
        + "</p><p>" + _("Canvas’ language:") + f" {languages}</p>"
        + "".join(rows)
        + '<iframe name="tool-frame" title="' + html.escape(_("LOR Dashboard, launched from Canvas")) + '" src="about:blank" '
          'style="width:100%;height:40rem;border:1px solid #888"></iframe>'
    )
    return html_response(_("Canvas course"), body, lang=lang)


# The languages a demo Canvas can be set to, each named in itself.
CANVAS_LANGUAGES = [("en", "English"), ("es", "Español"), ("pt-BR", "Português (Brasil)"), ("fr", "Français"),
                    ("ar", "العربية")]
