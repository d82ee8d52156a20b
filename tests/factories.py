"""Factories for the site's models (wagtail-factories / factory_boy).

Pages need a parent: ``NewsPageFactory(parent=news_index)``.
"""

import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from contacts.models import ContactDirectoryPage, Person
from focusareas.models import (
    AgreementPeriod,
    FocusAreaIndexPage,
    FocusAreaPage,
    ProjectPage,
)
from home.models import StandardPage
from municipalities.models import Municipality
from news.models import NewsIndexPage, NewsPage


class DanishLocaleMixin(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="da"))


class MunicipalityFactory(DanishLocaleMixin):
    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")

    class Meta:
        model = Municipality


class PersonFactory(DanishLocaleMixin):
    name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Projektchef"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "+45 11 22 33 44"

    class Meta:
        model = Person


class AgreementPeriodFactory(DanishLocaleMixin):
    name = "Kulturaftale 2025-2028"
    start_year = 2025
    end_year = 2028

    class Meta:
        model = AgreementPeriod


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Side {n}")

    class Meta:
        model = StandardPage


class FocusAreaIndexPageFactory(wagtail_factories.PageFactory):
    title = "Indsatsområder"

    class Meta:
        model = FocusAreaIndexPage


class FocusAreaPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Indsatsområde {n}")
    summary = "Et indsatsområde i kulturaftalen."

    class Meta:
        model = FocusAreaPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Projekt {n}")
    summary = "Et projekt under et indsatsområde."

    class Meta:
        model = ProjectPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nyheder"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nyhed {n}")
    lead = "En kort indledning til nyheden."
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(n))

    class Meta:
        model = NewsPage


class ContactDirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Kontakt"

    class Meta:
        model = ContactDirectoryPage
