from django import forms
from django.utils.translation import gettext_lazy


class AddFavoriteForm(forms.Form):
    resource_id = forms.CharField(
        label=gettext_lazy("Resource ID"), max_length=128, strip=True,
        error_messages={"required": gettext_lazy("Enter the id of a Commons resource.")},
    )
