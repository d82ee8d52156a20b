from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from focusareas.models import FocusAreaPage
from home.models import Municipality


class SignUpForm(forms.Form):
    """The newsletter sign-up: an address, optional interests and a honeypot.

    Interests are offered in the language of the page the form is shown on.
    """

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _(
                "Please enter a valid e-mail address, for example name@example.org."
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusAreaPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Honeypot: hidden from people, filled in by naive bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale is None:
            locale = Locale.get_default()
        self.fields["focus_areas"].queryset = (
            FocusAreaPage.objects.live()
            .public()
            .filter(locale=locale)
            .order_by("title")
        )
        self.fields["municipalities"].queryset = Municipality.objects.filter(
            locale=locale
        ).order_by("name")

    @property
    def is_bot(self) -> bool:
        """True when the honeypot was filled in."""
        return bool(self.data.get("website", "").strip())
