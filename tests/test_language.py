"""The teacher's language, chosen the way Canvas chose it: the launch's claim, else the Canvas profile,
else the footer's choice, else Accept-Language, else English; Canvas' codes matched to the offered ones."""
from __future__ import annotations

import pytest

from lor_dashboard.core.language import html_lang, offered

from .conftest import body
from .helpers import approve_in_canvas, canvas_profile_says, element, go_to_canvas, lang_of


def sign_in_with_canvas(client, sandbox, user_id: str = "u-maria", headers=None):
    params = go_to_canvas(client, "/")
    return client.get(approve_in_canvas(sandbox, params, user_id=user_id), follow=True, headers=headers or {})


@pytest.mark.parametrize(("code", "expected"), [
    ("pt-BR", "pt-br"), ("pt", "pt-br"), ("es-419", "es"), ("es-ES", "es"), ("fr-CA", "fr"), ("ar", "ar"),
    ("es-x-k12", "es"), ("EN-GB", "en"), ("en-AU", "en"),
])
def test_canvas_codes_land_on_an_offered_language(code, expected):
    assert offered(code) == expected


@pytest.mark.parametrize("code", ["de", "nb-x-k12", "zh-Hant", "", None, "<script>", "es_ES", "a" * 80, 42])
def test_codes_not_offered_give_nothing(code):
    assert offered(code) is None


@pytest.mark.parametrize(("code", "tag"), [("pt-br", "pt-BR"), ("es", "es"), ("ar", "ar")])
def test_the_html_tag_is_bcp_47(code, tag):
    assert html_lang(code) == tag


@pytest.mark.django_db
class BrowserLanguageTests:
    def test_english_without_any_word_on_language(self, client, sandbox):
        assert lang_of(client.get("/signin/")) == ("en", "ltr")

    def test_accept_language_is_followed(self, client, sandbox):
        assert lang_of(client.get("/signin/", headers={"Accept-Language": "fr-CA,fr;q=0.9"})) == ("fr", "ltr")

    def test_a_right_to_left_language_turns_the_page(self, client, sandbox, settings):
        settings.LANGUAGES = [*settings.LANGUAGES, ("he", "עברית")]  # Django's own Hebrew catalogue
        assert lang_of(client.get("/signin/", headers={"Accept-Language": "he"})) == ("he", "rtl")

    def test_a_language_not_offered_falls_back_to_the_next_the_browser_accepts(self, client, sandbox):
        assert lang_of(client.get("/signin/", headers={"Accept-Language": "de-DE,pt-BR;q=0.8"})) == ("pt-BR", "ltr")

    def test_pages_vary_by_language(self, client, sandbox):
        assert "Accept-Language" in client.get("/signin/")["Vary"]


@pytest.mark.django_db
class FooterChoiceTests:
    def choose(self, client, code, next_url="/signin/", **headers):
        return client.post("/language/", {"language": code, "next": next_url}, headers=headers)

    def test_the_menu_names_each_language_in_itself(self, client, sandbox):
        page = body(client.get("/signin/"))
        choice = element(page, "button", value="pt-br")
        assert (choice.attrs.get("lang"), choice.text) == ("pt-BR", "Português (Brasil)")

    def test_the_menu_says_which_is_the_pages(self, client, sandbox):
        page = body(client.get("/signin/", headers={"Accept-Language": "es"}))
        assert element(page, "button", value="es").attrs.get("aria-current") == "true"

    def test_a_choice_goes_back_to_the_page_it_was_made_on(self, client, sandbox):
        assert self.choose(client, "es", "/signin/?next=/favorites/")["Location"] == "/signin/?next=/favorites/"

    def test_a_choice_outranks_accept_language(self, client, sandbox):
        self.choose(client, "es")
        assert lang_of(client.get("/signin/", headers={"Accept-Language": "fr"}))[0] == "es"

    def test_a_choice_is_remembered_in_a_cookie_for_the_next_visit(self, client, sandbox):
        self.choose(client, "fr")
        client.cookies.pop("sessionid", None)
        assert lang_of(client.get("/signin/"))[0] == "fr"

    def test_a_choice_survives_signing_in_with_a_session_id(self, client, sandbox):
        self.choose(client, "pt-br")
        client.post("/signin/", {"session_id": "demo-teacher"})
        assert lang_of(client.get("/"))[0] == "pt-BR"

    def test_a_choice_survives_signing_out(self, signed_in, sandbox):
        client = signed_in()
        self.choose(client, "es", "/")
        client.cookies.pop("lor_language", None)  # the session alone
        client.post("/signout/")
        assert lang_of(client.get("/signin/"))[0] == "es"

    def test_a_language_not_offered_changes_nothing(self, client, sandbox):
        self.choose(client, "de")
        assert lang_of(client.get("/signin/"))[0] == "en"

    def test_a_choice_never_redirects_off_the_site(self, client, sandbox):
        assert self.choose(client, "es", "https://evil.example/")["Location"] == "/"

    def test_without_next_it_goes_back_to_the_referring_page(self, client, sandbox):
        response = client.post("/language/", {"language": "es"}, headers={"Referer": "http://testserver/signin/?x=1"})
        assert response["Location"] == "/signin/?x=1"

    def test_a_foreign_referer_is_not_followed(self, client, sandbox):
        response = client.post("/language/", {"language": "es"}, headers={"Referer": "https://evil.example/x"})
        assert response["Location"] == "/"


@pytest.mark.django_db
class CanvasProfileTests:
    def test_the_canvas_profile_is_spoken_after_signing_in_with_canvas(self, client, canvas):
        canvas_profile_says(canvas, "pt-BR")
        assert lang_of(sign_in_with_canvas(client, canvas))[0] == "pt-BR"

    def test_the_profile_outranks_accept_language(self, client, canvas):
        canvas_profile_says(canvas, "pt")
        assert lang_of(sign_in_with_canvas(client, canvas, headers={"Accept-Language": "fr"}))[0] == "pt-BR"

    def test_the_profile_outranks_an_earlier_choice(self, client, canvas):
        client.post("/language/", {"language": "fr", "next": "/signin/"})
        canvas_profile_says(canvas, "es-419")
        assert lang_of(sign_in_with_canvas(client, canvas))[0] == "es"

    def test_a_choice_after_signing_in_outranks_the_profile(self, client, canvas):
        canvas_profile_says(canvas, "es")
        sign_in_with_canvas(client, canvas)
        client.post("/language/", {"language": "fr", "next": "/"})
        assert lang_of(client.get("/"))[0] == "fr"

    def test_a_profile_language_not_offered_falls_back_without_error(self, client, canvas):
        client.post("/language/", {"language": "fr", "next": "/signin/"})
        canvas_profile_says(canvas, "nb-x-k12")
        response = sign_in_with_canvas(client, canvas)
        assert (response.status_code, lang_of(response)[0]) == (200, "fr")

    def test_a_token_sign_in_reads_the_profile_too(self, client, canvas):
        canvas_profile_says(canvas, "fr")
        client.post("/signin/token/", {"canvas_url": canvas.url, "token": "demo-teacher-token"})
        assert lang_of(client.get("/"))[0] == "fr"
