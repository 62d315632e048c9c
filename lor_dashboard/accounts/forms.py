from django import forms


class SessionIdForm(forms.Form):
    session_id = forms.CharField(
        label="Session ID",
        max_length=256,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter your Commons session id."},
    )
