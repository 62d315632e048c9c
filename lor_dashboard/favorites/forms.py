from django import forms


class AddFavoriteForm(forms.Form):
    resource_id = forms.CharField(
        label="Resource ID", max_length=128, strip=True,
        error_messages={"required": "Enter the id of a Commons resource."},
    )
