import datetime

import pytest

from tests.factories import (
    FocusAreaIndexPageFactory,
    FocusAreaPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PersonFactory,
    StandardPageFactory,
)


@pytest.fixture
def news_indexes(homes) -> dict:
    return {
        code: NewsIndexPageFactory(parent=homes[code], title=title, slug=slug)
        for code, title, slug in [
            ("da", "Nyheder", "nyheder"),
            ("en", "News", "news"),
            ("sv", "Nyheter", "nyheter"),
        ]
    }


@pytest.fixture
def content(homes, locales, news_indexes) -> dict:
    """A few pages and people in Danish and English about a culture agreement."""
    da_news = NewsPageFactory(
        parent=news_indexes["da"],
        title="Ny kulturaftale underskrevet",
        lead="Ni kommuner har skrevet under på den nye kulturaftale.",
        date=datetime.date(2025, 3, 14),
    )
    en_news = NewsPageFactory(
        parent=news_indexes["en"],
        title="New culture agreement signed",
        lead="Nine municipalities have signed the new culture agreement.",
        date=datetime.date(2025, 3, 14),
    )
    da_page = StandardPageFactory(
        parent=homes["da"],
        title="Om kulturaftalen",
        intro="Hvad står der i vores kulturaftale med staten?",
    )
    areas = FocusAreaIndexPageFactory(parent=homes["da"], slug="indsatsomraader")
    da_area = FocusAreaPageFactory(
        parent=areas, title="Børn og unge", summary="Kultur for børn og unge."
    )
    da_person = PersonFactory(name="Mette Kulturvig", job_title="Sekretariatschef")
    en_person = PersonFactory(
        name="Anna Example", job_title="Culture consultant", locale=locales["en"]
    )
    return {
        "da_news": da_news,
        "en_news": en_news,
        "da_page": da_page,
        "da_area": da_area,
        "da_person": da_person,
        "en_person": en_person,
    }
