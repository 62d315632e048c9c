from django import forms


class SessionIdForm(forms.Form):
    session_id = forms.CharField(
        label="Session ID",
        max_length=256,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter your Commons session id."},
    )


class CanvasTokenForm(forms.Form):
    canvas_url = forms.CharField(
        label="Canvas address", max_length=300, strip=True,
        widget=forms.URLInput(attrs={"placeholder": "https://yourschool.instructure.com"}),
        error_messages={"required": "Enter your Canvas address."},
    )
    token = forms.CharField(
        label="Canvas access token", max_length=512, strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Paste an access token from Canvas (Account → Settings → New access token)."},
    )
