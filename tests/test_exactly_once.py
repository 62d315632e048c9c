"""A teacher's action happens exactly once through a renewal of the Commons session: the client
repeats the one call that got 401, never the view. Two moments are tried for each action: the
session has expired before the action's call (that call is renewed and repeated), and it expires
right after the action succeeded (a later call of the same request is). The sandbox counts what
reached it."""
from __future__ import annotations

import pytest
import requests

from lor_dashboard.accounts.models import CanvasGrant
from lor_dashboard.accounts.secrets import unseal
from lor_dashboard.lor.client import LORClient

from .conftest import HTMX, body, undo_data
from .helpers import element, elements, expire, favorite_ids, first_water, multi_course_update, sessions_made, updates
from .servers import sandbox_actions

pytestmark = pytest.mark.django_db(transaction=True)  # renewal runs in parallel lanes' threads too


def reached(sandbox, kind: str) -> list[str]:
    """The resource ids of the ``kind`` calls that reached the sandbox, in order."""
    return [a["resourceId"] for a in sandbox_actions(sandbox) if a["kind"] == kind]


@pytest.fixture(params=["before", "after"])
def expiry(request, monkeypatch, canvas):
    """``expiry.arm(name)``: the Commons session expires before the view runs, or just after the
    client's ``name`` call succeeded."""
    class Expiry:
        moment = request.param

        def renewals(self) -> int:
            """New Commons sessions made since ``arm``."""
            return sessions_made(canvas) - self.made

        def arm(self, name: str) -> None:
            self.made = sessions_made(canvas)
            if self.moment == "before":
                expire(canvas, "commons")
                return
            original, done = getattr(LORClient, name), []

            def then_expire(client, *args, **kwargs):
                result = original(client, *args, **kwargs)
                if not done:
                    done.append(True)
                    expire(canvas, "commons")
                return result

            monkeypatch.setattr(LORClient, name, then_expire)

    return Expiry()


@pytest.fixture
def oauth_user(client, canvas):
    from .helpers import approve_in_canvas, go_to_canvas

    assert client.get(approve_in_canvas(canvas, go_to_canvas(client, "/"))).status_code == 302
    return client


class RemoveTests:
    @pytest.fixture
    def removed(self, oauth_user, canvas, expiry):
        rid = favorite_ids(canvas)[0]
        expiry.arm("remove_favorite")
        page = body(oauth_user.post(f"/favorites/{rid}/remove/", {"next": "/favorites/"}, follow=True))
        return rid, page

    def test_reaches_commons_once(self, removed, canvas):
        assert reached(canvas, "unfavorite") == [removed[0]]

    def test_says_so_once(self, removed):
        assert removed[1].count("Removed 1 favorite.") == 1

    def test_undo_works_afterwards(self, removed, oauth_user, canvas):
        rid, page = removed
        oauth_user.post("/favorites/undo/", undo_data(page))
        assert rid in favorite_ids(canvas)

    def test_renews_once(self, expiry, removed):
        assert expiry.renewals() == 1


class RemoveWithHtmxTests:
    """The card goes in place; the fresh count is a second call after the removal."""

    @pytest.fixture
    def removed(self, oauth_user, canvas, expiry):
        rid = favorite_ids(canvas)[0]
        expiry.arm("remove_favorite")
        html = body(oauth_user.post(f"/favorites/{rid}/remove/", {"next": "/favorites/"}, headers=HTMX))
        return rid, html

    def test_reaches_commons_once(self, removed, canvas):
        assert reached(canvas, "unfavorite") == [removed[0]]

    def test_says_so_once(self, removed):
        assert len(elements(removed[1], cls="removed-line")) == 1

    def test_the_count_is_fresh(self, removed, canvas):
        assert element(removed[1], id="favorites-count").text == f"{len(favorite_ids(canvas))} favorites."

    def test_undo_works_afterwards(self, removed, oauth_user, canvas):
        oauth_user.post("/favorites/undo/", undo_data(removed[1]))
        assert removed[0] in favorite_ids(canvas)

    def test_renews_once(self, expiry, removed):
        assert expiry.renewals() == 1


class BulkRemoveTests:
    @pytest.fixture
    def removed(self, oauth_user, canvas, expiry):
        ids = favorite_ids(canvas)[:6]  # more than a request's lanes: some are sent after the expiry
        expiry.arm("remove_favorite")
        page = body(oauth_user.post("/favorites/remove/", {"resource_ids": ids, "next": "/favorites/"}, follow=True))
        return ids, page

    def test_each_reaches_commons_once(self, removed, canvas):
        assert sorted(reached(canvas, "unfavorite")) == sorted(removed[0])

    def test_says_so_once(self, removed):
        assert removed[1].count("Removed 6 favorites: ") == 1

    def test_undo_works_afterwards(self, removed, oauth_user, canvas):
        oauth_user.post("/favorites/undo/", undo_data(removed[1]))
        assert set(removed[0]) <= set(favorite_ids(canvas))

    def test_renews_once(self, expiry, removed):
        assert expiry.renewals() == 1


class UndoTests:
    @pytest.fixture
    def undone(self, oauth_user, canvas, expiry):
        rid = favorite_ids(canvas)[0]
        undo = undo_data(body(oauth_user.post(f"/favorites/{rid}/remove/", {"next": "/favorites/"}, follow=True)))
        expiry.arm("add_favorite")
        page = body(oauth_user.post("/favorites/undo/", undo, follow=True))
        return rid, undo, page

    def test_restores(self, undone, canvas):
        assert undone[0] in favorite_ids(canvas)

    def test_reaches_commons_once(self, undone, canvas):
        assert reached(canvas, "favorite") == [undone[0]]

    def test_says_so_once(self, undone):
        assert undone[2].count("Restored 1 favorite.") == 1

    def test_a_second_undo_does_nothing(self, undone, oauth_user, canvas):
        oauth_user.post("/favorites/undo/", undone[1])
        assert reached(canvas, "favorite") == [undone[0]]

    def test_renews_once(self, expiry, undone):
        assert expiry.renewals() == 1


class StarTests:
    @pytest.fixture
    def starred(self, oauth_user, canvas, expiry):
        rid = first_water(canvas)["id"]
        oauth_user.post(f"/favorites/{rid}/star/", {"action": "remove", "next": "/imports/"})
        expiry.arm("add_favorite")
        page = body(oauth_user.post(f"/favorites/{rid}/star/", {"action": "add", "title": "Water", "next": "/imports/"},
                                    follow=True))
        return rid, page

    def test_reaches_commons_once(self, starred, canvas):
        assert reached(canvas, "favorite") == [starred[0]]

    def test_says_so_once(self, starred):
        assert starred[1].count("is now in your favorites.") == 1

    def test_renews_once(self, expiry, starred):
        assert expiry.renewals() == 1


class UpdateActionTests:
    @pytest.fixture(params=["ignore", "apply"])
    def acted(self, request, oauth_user, canvas, expiry):
        update = multi_course_update(canvas)
        rid, course = update["resource"]["id"], update["courses"][0]["courseId"]
        oauth_user.get(f"/updates/{rid}/")
        expiry.arm("ignore_update" if request.param == "ignore" else "import_resource")
        page = body(oauth_user.post(f"/updates/{rid}/{request.param}/", {"course_ids": [course], "confirm": "yes"},
                                    follow=True))
        kind = "ignore" if request.param == "ignore" else "import"
        said = "Ignored the update" if request.param == "ignore" else "Applied the latest"
        return rid, kind, said, page

    def test_reaches_commons_once(self, acted, canvas):
        rid, kind, _, _ = acted
        assert reached(canvas, kind) == [rid]

    def test_says_so_once(self, acted):
        _, _, said, page = acted
        assert page.count(said) == 1

    def test_renews_once(self, expiry, acted):
        assert expiry.renewals() == 1


class BulkUpdateTests:
    @pytest.fixture
    def ignored(self, oauth_user, canvas, expiry):
        ids = [u["resource"]["id"] for u in updates(canvas)[:6]]
        expiry.arm("ignore_update")
        page = body(oauth_user.post("/updates/bulk/", {"resource_ids": ids, "action": "ignore", "confirm": "yes"},
                                    follow=True))
        return ids, page

    def test_each_reaches_commons_once(self, ignored, canvas):
        assert sorted(reached(canvas, "ignore")) == sorted(ignored[0])

    def test_says_so_once(self, ignored):
        assert ignored[1].count("6 updates ignored: ") == 1

    def test_renews_once(self, expiry, ignored):
        assert expiry.renewals() == 1


class ImportTests:
    @pytest.fixture
    def imported(self, oauth_user, canvas, expiry):
        rid = first_water(canvas)["id"]
        oauth_user.get(f"/resources/{rid}/")
        expiry.arm("import_resource")
        page = body(oauth_user.post(f"/resources/{rid}/import/", {"course_ids": ["1101"]}, follow=True))
        return rid, page

    def test_reaches_commons_once(self, imported, canvas):
        assert reached(canvas, "import") == [imported[0]]

    def test_says_so_once(self, imported):
        assert imported[1].count("Imported “") == 1

    def test_renews_once(self, expiry, imported):
        assert expiry.renewals() == 1


class RenewalFailingAfterTheActionTests:
    """The removal went through, then the session expired for good (the Canvas grant was revoked):
    the teacher is sent to sign in, and nothing was sent twice."""

    @pytest.fixture
    def removed(self, oauth_user, canvas, monkeypatch):
        rid, original = favorite_ids(canvas)[0], LORClient.remove_favorite

        def then_end(client, *args, **kwargs):
            original(client, *args, **kwargs)
            grant = CanvasGrant.objects.get()
            requests.delete(f"{canvas.url}/login/oauth2/token", timeout=5,
                            headers={"Authorization": f"Bearer {unseal(grant.access_token)}"})
            expire(canvas, "commons")

        monkeypatch.setattr(LORClient, "remove_favorite", then_end)
        response = oauth_user.post(f"/favorites/{rid}/remove/", {"next": "/favorites/"}, headers=HTMX)
        return rid, response

    def test_reaches_commons_once(self, removed, canvas):
        assert reached(canvas, "unfavorite") == [removed[0]]

    def test_sends_to_sign_in(self, removed):
        assert removed[1]["HX-Redirect"].startswith("/signin/")

    def test_the_sign_in_page_offers_no_dead_undo(self, removed, oauth_user):
        assert elements(body(oauth_user.get(removed[1]["HX-Redirect"])), name="undo") == []
