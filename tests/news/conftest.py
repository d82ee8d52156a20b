import datetime

import pytest
import wagtail_factories

from tests.factories import (
    FocusAreaIndexPageFactory,
    FocusAreaPageFactory,
    MunicipalityFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PersonFactory,
)


@pytest.fixture
def news_index(homes):
    """A live Danish news index at /nyheder/."""
    return NewsIndexPageFactory(parent=homes["da"], title="Nyheder", slug="nyheder")


@pytest.fixture
def focus_areas(homes) -> dict:
    """Two live Danish focus areas, by slug: musik and ungekultur."""
    index = FocusAreaIndexPageFactory(parent=homes["da"], slug="indsatsomraader")
    return {
        slug: FocusAreaPageFactory(parent=index, title=title, slug=slug)
        for slug, title in [("musik", "Musik"), ("ungekultur", "Ungekultur")]
    }


@pytest.fixture
def municipalities(locales) -> dict:
    """Two Danish municipalities, by slug: roskilde and koge."""
    return {
        slug: MunicipalityFactory(name=name, slug=slug)
        for slug, name in [("roskilde", "Roskilde"), ("koge", "Køge")]
    }


@pytest.fixture
def make_post(news_index):
    """Creates a live post in the Danish index; topics given as lists."""

    def make(
        *,
        parent=None,
        date=datetime.date(2024, 5, 1),
        tags=(),
        focus_areas=(),
        municipalities=(),
        **fields,
    ):
        post = NewsPageFactory(parent=parent or news_index, date=date, **fields)
        if tags or focus_areas or municipalities:
            post.tags.add(*tags)
            post.focus_areas.set(focus_areas)
            post.municipalities.set(municipalities)
            post.save()
        return post

    return make


@pytest.fixture
def image():
    return wagtail_factories.ImageFactory(
        title="Koncert i Roskilde", file__width=1600, file__height=900
    )


@pytest.fixture
def author(locales):
    return PersonFactory(name="Mette Sørensen", job_title="Kommunikationsansvarlig")
