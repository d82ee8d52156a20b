from django import forms
from django.db.models import F, Value, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from caching.dependencies import depends_on, listing_key
from focusareas.models import FocusAreaPage
from home.visibility import public_q
from municipalities.models import Municipality

#: Primary keys are 64-bit integers; SQLite raises OverflowError for larger ones.
PK_RANGE = range(-(2**63), 2**63)


class InterestChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of pages or snippets; an impossible id is an invalid choice.

    Django hands every submitted value to the database, where an integer beyond
    64 bits is an error rather than "no such row".
    """

    default_error_messages = {
        "invalid_choice": _(
            "One of the chosen interests is no longer offered. Please choose again."
        ),
        "invalid_pk_value": _(
            "One of the chosen interests is no longer offered. Please choose again."
        ),
    }

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = int(str(pk)) not in PK_RANGE
            except ValueError:
                continue  # not a number: Django reports it as an invalid choice
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


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
    focus_areas = InterestChoiceField(
        label=_("Focus areas"),
        queryset=FocusAreaPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = InterestChoiceField(
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
        locale = Locale.get_active()
        depends_on(listing_key(FocusAreaPage), listing_key(Municipality))
        self._offer(
            focus_areas=(
                FocusAreaPage.objects.live()
                .filter(public_q())
                .filter(locale=locale)
                .order_by("title"),
                "title",
            ),
            municipalities=(
                Municipality.objects.filter(locale=locale).order_by("name"),
                "name",
            ),
        )

    def _offer(self, **offers: tuple) -> None:
        """Offers, for each field, the choices of its ``(queryset, label field)``,
        all read in one query for the whole rendering (a union, each part ranked
        in the database's own order; a model choice field would read its queryset
        again each time it is iterated). Validation still checks the submitted
        ids against each queryset."""
        names = list(offers)
        parts = [
            queryset.order_by().values_list(
                Value(index),
                "pk",
                label,
                Window(RowNumber(), order_by=[F(label).asc()]),
            )
            for index, (queryset, label) in enumerate(offers.values())
        ]
        choices: dict[str, list] = {name: [] for name in names}
        for index, pk, label, _place in sorted(
            parts[0].union(*parts[1:], all=True), key=lambda row: (row[0], row[3])
        ):
            choices[names[index]].append((pk, label))
        for name, (queryset, _label) in offers.items():
            field = self.fields[name]
            field.queryset = queryset
            field.choices = choices[name]

    @property
    def is_bot(self) -> bool:
        """True when the honeypot was filled in."""
        return bool(self.data.get("website", "").strip())
