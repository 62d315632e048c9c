from django import forms
from django.utils.translation import gettext_lazy


class SessionIdForm(forms.Form):
    session_id = forms.CharField(
        label=gettext_lazy("Session ID"),
        max_length=256,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": gettext_lazy("Enter your Commons session id.")},
    )


class CanvasTokenForm(forms.Form):
    canvas_url = forms.CharField(
        label=gettext_lazy("Canvas address"), max_length=300, strip=True,
        widget=forms.URLInput(attrs={"placeholder": "https://yourschool.instructure.com"}),
        error_messages={"required": gettext_lazy("Enter your Canvas address.")},
    )
    token = forms.CharField(
        label=gettext_lazy("Canvas access token"), max_length=512, strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        # Translators: "Account → Settings → New access token" names Canvas' own menus: use Canvas' words
        # for them in your language.
        error_messages={"required": gettext_lazy(
            "Paste an access token from Canvas (Account → Settings → New access token).")},
    )
