"""The news index's filters: which query string parameters exist and what they mean.

Parameters (all optional, combinable, shared by the index and its feeds):
``focus_area`` (slug of a focus area page), ``municipality`` (slug of a municipality),
``tag`` (slug of a tag), ``year`` (four digits) and, on the index only, ``page``.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 1900
MAX_YEAR = 2100


class NewsFilterForm(forms.Form):
    """Validates the filter parameters; invalid ones are reported and then ignored."""

    focus_area = forms.ChoiceField(
        label=_("Focus area"),
        required=False,
        error_messages={
            "invalid_choice": _("There is no focus area “%(value)s”."),
        },
    )
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        error_messages={
            "invalid_choice": _("There is no municipality “%(value)s”."),
        },
    )
    tag = forms.ChoiceField(
        label=_("Tag"),
        required=False,
        error_messages={"invalid_choice": _("There is no tag “%(value)s”.")},
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "invalid": _("The year must be a number, e.g. 2024."),
            "min_value": _("The year must be a number, e.g. 2024."),
            "max_value": _("The year must be a number, e.g. 2024."),
        },
    )

    def __init__(
        self,
        data,
        *,
        focus_areas: list[tuple[str, str]],
        municipalities: list[tuple[str, str]],
        tags: list[tuple[str, str]],
        years: list[int],
    ):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["focus_area"].choices = everything + focus_areas
        self.fields["municipality"].choices = everything + municipalities
        self.fields["tag"].choices = everything + tags
        self.fields["year"].widget = forms.Select(
            choices=everything + [(year, str(year)) for year in years]
        )

    def valid_filters(self) -> dict[str, str | int]:
        """Returns the filters that were given and are valid, by parameter name."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in ("", None)
        }


@dataclass(frozen=True)
class Filters:
    """The valid filters of one request, ready to apply to a queryset of posts."""

    focus_area: str | None = None
    municipality: str | None = None
    tag: str | None = None
    year: int | None = None

    def apply(self, posts: QuerySet) -> QuerySet:
        """Returns ``posts`` narrowed to those matching every filter."""
        if self.focus_area:
            posts = posts.filter(focus_areas__slug=self.focus_area)
        if self.municipality:
            posts = posts.filter(municipalities__slug=self.municipality)
        if self.tag:
            posts = posts.filter(tags__slug=self.tag)
        if self.year:
            posts = posts.filter(date__year=self.year)
        return posts

    def as_query(self) -> dict[str, str | int]:
        """Returns the filters as query string parameters (without empty ones)."""
        return {
            name: value
            for name, value in (
                ("focus_area", self.focus_area),
                ("municipality", self.municipality),
                ("tag", self.tag),
                ("year", self.year),
            )
            if value
        }

    def __bool__(self) -> bool:
        return bool(self.as_query())
