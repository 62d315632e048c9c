from django import forms
from django.utils.translation import gettext_lazy


class AddFavoriteForm(forms.Form):
    """Add by resource id. Rendered with the ``field_widget`` filter, like every form: a field with
    an error is marked invalid and described by its message (``<id>-error``)."""

    resource_id = forms.CharField(
        label=gettext_lazy("Resource ID"), max_length=128, strip=True,
        error_messages={"required": gettext_lazy("Enter the id of a Commons resource.")},
    )

    def focus_first_error(self) -> None:
        """The first field with an error takes focus when the form is shown (after an htmx swap
        of the form alone, nothing else is there to say what happened)."""
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["autofocus"] = True
                return
