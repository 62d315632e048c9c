"""Deterministic demo data for a school district.

``build()`` returns plain rows for the store; the same seed always gives the
same data, so tests can rely on the counts written in DEMO_SESSIONS.
"""
from __future__ import annotations

import random
from datetime import datetime, timezone

ACCOUNT = {"id": "acct-mvsd", "name": "Maple Valley School District"}

# session id -> (user id, full name, is admin)
DEMO_SESSIONS = {
    "demo-teacher": ("u-maria", "María Hernández", False),
    "demo-teacher-2": ("u-james", "James Okafor", False),
    "demo-admin": ("u-priya", "Priya Raman", True),
}

FIRST = [
    "Aaron", "Abigail", "Ben", "Carmen", "Chloe", "Daniel", "Elena", "Farah", "Gabriel", "Hannah",
    "Isaac", "Jasmine", "Kenji", "Laura", "Mohammed", "Nora", "Oliver", "Paula", "Quentin", "Rosa",
    "Samuel", "Tara", "Umar", "Valeria", "Wei", "Xavier", "Yara", "Zoe", "Aaliyah", "Bruno", "Aarav",
]
LAST = [
    "Anderson", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova", "Johnson",
    "Kowalski", "Lee", "Martin", "Nguyen", "O'Brien", "Patel", "Quinn", "Rossi", "Singh", "Thompson",
]
TOPICS = [
    ("Photosynthesis and Plant Energy", "science"), ("Fractions on the Number Line", "math"),
    ("The American Revolution", "history"), ("Persuasive Essay Writing", "ela"),
    ("The Water Cycle", "science"), ("Linear Equations", "math"), ("Ancient Rome", "history"),
    ("Poetry Analysis", "ela"), ("Cell Structure", "science"), ("Probability Basics", "math"),
    ("Civil Rights Movement", "history"), ("Shakespeare's Sonnets", "ela"), ("Plate Tectonics", "science"),
    ("Ratios and Proportions", "math"), ("World War I", "history"), ("Narrative Writing", "ela"),
    ("Chemical Reactions", "science"), ("Geometry Proofs", "math"), ("The Silk Road", "history"),
    ("Research Skills", "ela"), ("Ecosystems and Food Webs", "science"), ("Statistics and Data", "math"),
    ("Government and Citizenship", "history"), ("Grammar Essentials", "ela"),
]
KINDS = ["course", "module", "assignment", "quiz", "page", "video", "discussion_topic", "document", "audio", "image"]
KIND_WORDS = {
    "course": "Full Course", "module": "Unit", "assignment": "Project", "quiz": "Quiz", "page": "Reading",
    "video": "Video Lesson", "discussion_topic": "Discussion", "document": "Worksheet", "audio": "Podcast",
    "image": "Infographic",
}
TAGS = {
    "science": ["science", "NGSS", "lab"], "math": ["math", "common core", "practice"],
    "history": ["social studies", "primary sources"], "ela": ["ELA", "writing", "reading"],
}
NOTES = [
    "Fixed typos in the instructions.", "Added an answer key for teachers.", "New rubric aligned to standards.",
    "Updated links to external readings.", "Replaced the video with captioned version.",
    "Added two differentiated practice sets.", "Reworded questions 3 and 7 for clarity.",
    "Accessibility fixes: alt text and heading order.",
]
LICENSES = ["CC_BY", "CC_BY_SA", "CC_BY_NC", "public_domain", "copyright"]

COURSES = {
    "u-maria": [
        ("1101", "Grade 7 Science — Period 2"), ("1102", "Grade 8 Math"), ("1103", "Algebra I"),
        ("1104", "Biology 101"), ("1105", "World History"), ("1106", "English 9"),
    ],
    "u-james": [("2201", "US History"), ("2202", "Geometry"), ("2203", "Chemistry"), ("2204", "Creative Writing")],
    "u-priya": [("3301", "Staff Training"), ("3302", "Curriculum Review")],
}
TERM = "2026–27"


def courses_of(user_id: str) -> list[tuple[str, str, str]]:
    """(id, name, course code) of the courses a user teaches; the code is the name's initials."""
    return [(cid, name, "".join(w[0] for w in name.split() if w[0].isalnum()).upper() + "-" + cid)
            for cid, name in COURSES.get(user_id, [])]


# The sandbox's Canvas: one OAuth developer key, and a personal access token per demo user.
CANVAS_CLIENT_ID = "lor-dashboard-demo"
CANVAS_CLIENT_SECRET = "sandbox-client-secret"
CANVAS_SCOPES = {"url:GET|/api/lti/accounts/:account_id/jwt_token"}
PERSONAL_TOKENS = {"demo-teacher-token": "u-maria", "demo-teacher-2-token": "u-james", "demo-admin-token": "u-priya",
                   "never-launched-token": "u-003"}
NEVER_LAUNCHED = {"u-003"}  # never opened Commons from Canvas: Commons refuses their JWT

# user id -> (favorites, imports, of which updated)
PLAN = {"u-maria": (9, 30, 15), "u-james": (5, 12, 4), "u-priya": (3, 4, 1)}

START = int(datetime(2025, 8, 1, tzinfo=timezone.utc).timestamp() * 1000)
DAY = 86_400_000
RESOURCE_COUNT = 48


def build() -> dict[str, list[dict]]:
    rng = random.Random(2026)
    users = _users(rng)
    authors = [u for u in users if u["id"] not in ("u-priya",)][:20]
    resources, versions = _resources(rng, authors)
    favorites, copies = [], []
    for user_id, (n_fav, n_imp, n_upd) in PLAN.items():
        multi = [r for r in resources if sum(v["resource_id"] == r["id"] for v in versions) >= 2]
        offset = {"u-maria": 0, "u-james": 17, "u-priya": 31}[user_id]
        for i, res in enumerate(rng.sample(resources, n_fav)):
            favorites.append({"user_id": user_id, "resource_id": res["id"], "create_date": START + (30 + i) * DAY})
        updated = (multi[offset:] + multi[:offset])[:n_upd]
        rest = [r for r in resources if r not in updated]
        imported = updated + rng.sample(rest, n_imp - n_upd)
        for i, res in enumerate(imported):
            mine = sorted((v for v in versions if v["resource_id"] == res["id"]), key=lambda v: v["create_date"])
            held = mine[-2] if res in updated else mine[-1]
            for course_id, course_name in rng.sample(COURSES[user_id], rng.randint(1, min(3, len(COURSES[user_id])))):
                copies.append({
                    "user_id": user_id, "resource_id": res["id"], "course_id": course_id,
                    "course_name": course_name, "import_date": held["create_date"] + (1 + i % 5) * DAY,
                    "version_create_date": held["create_date"], "ignored_version": None,
                })
    sessions = [{"sid": sid, "user_id": uid, "permanent": 1} for sid, (uid, _, _) in DEMO_SESSIONS.items()]
    return {
        "users": users, "sessions": sessions, "resources": resources, "versions": versions,
        "favorites": favorites, "copies": copies,
    }


def _users(rng: random.Random) -> list[dict]:
    users = []
    for uid, name, admin in DEMO_SESSIONS.values():
        users.append(_user(uid, name, admin, len(users)))
    names = [(f, l) for f in FIRST for l in LAST]
    rng.shuffle(names)
    for first, last in names[:62]:
        users.append(_user(f"u-{len(users):03d}", f"{first} {last}", False, len(users)))
    users[-1]["canvas_user_id"] = ""  # someone with no Canvas profile: the API answers 204
    return users


def _user(uid: str, name: str, admin: bool, n: int) -> dict:
    email = name.lower().replace("'", "").replace(" ", ".").encode("ascii", "ignore").decode() + "@maplevalley.k12.example"
    return {
        "id": uid, "full_name": name, "email": email, "account_id": ACCOUNT["id"],
        "canvas_user_id": str(5000 + n), "is_admin": int(admin),
    }


def _resources(rng: random.Random, authors: list[dict]) -> tuple[list[dict], list[dict]]:
    resources, versions = [], []
    for n in range(RESOURCE_COUNT):
        topic, subject = TOPICS[n % len(TOPICS)]
        kind = KINDS[n % len(KINDS)]
        rid = f"{0xa1b2c3 + n * 7919:08x}{n:02d}"
        created = START - rng.randint(60, 400) * DAY
        picked = rng.sample(authors, rng.randint(1, 2))
        n_versions = 1 if n % 6 == 5 else rng.randint(2, 4)
        stamps = sorted(created + rng.randint(0, 400) * DAY for _ in range(n_versions - 1))
        for i, stamp in enumerate([created] + stamps):
            versions.append({
                "id": f"{rid}v{i + 1}", "resource_id": rid, "create_date": stamp + i,
                "notes": "First published." if i == 0 else rng.choice(NOTES),
            })
        resources.append({
            "id": rid,
            "title": f"{topic}: {KIND_WORDS[kind]}" + (" (Part 2)" if n >= len(TOPICS) else ""),
            "description": (
                f"<p>A ready-to-teach {KIND_WORDS[kind].lower()} on <strong>{topic.lower()}</strong> "
                f"for grades {6 + n % 4}–{8 + n % 4}.</p><p>Includes teacher notes and student handouts.</p>"
            ),
            "type": kind, "lang": "en", "subject": subject,
            "authors": [{"id": a["id"], "name": a["full_name"]} for a in picked],
            "tags": TAGS[subject] + [f"grade {6 + n % 4}"],
            "has_thumbnail": n % 7 != 3,
            "licenseIds": [LICENSES[n % len(LICENSES)]],
            "favoritedCount": rng.randint(0, 240),
            "create_date": created,
            "create_user_id": picked[0]["id"],
        })
    return resources, versions
