"""Pointing a translation's relations at the translated items."""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import Locale, Page, TranslatableMixin


def _localized(obj: models.Model, locale: Locale) -> models.Model:
    if isinstance(obj, TranslatableMixin) and obj.locale_id != locale.pk:
        return obj.get_translation_or_none(locale) or obj
    return obj


def localize_relations(instance: TranslatableMixin) -> bool:
    """Re-points ``instance``'s foreign keys and parental many-to-many fields.

    Each related translatable item (municipality, person, focus area...) is
    replaced by its translation in ``instance``'s locale where one exists;
    otherwise the original stays. Changes are made in memory only.
    Returns True when anything changed.
    """
    locale = instance.locale
    changed = False
    for field in instance._meta.get_fields():
        if not field.concrete or field.name in {"locale", "alias_of"}:
            continue
        related = getattr(field, "related_model", None)
        if related is None or not issubclass(related, TranslatableMixin):
            continue
        if isinstance(field, ParentalManyToManyField):
            current = list(getattr(instance, field.name).all())
            wanted = [_localized(obj, locale) for obj in current]
            if [o.pk for o in wanted] != [o.pk for o in current]:
                setattr(instance, field.name, wanted)
                changed = True
        elif isinstance(field, models.ForeignKey) and not field.many_to_many:
            if isinstance(instance, Page) and field.name in {"owner", "locked_by"}:
                continue
            current = getattr(instance, field.name)
            if current is None:
                continue
            wanted = _localized(current, locale)
            if wanted.pk != current.pk:
                setattr(instance, field.name, wanted)
                changed = True
    return changed
