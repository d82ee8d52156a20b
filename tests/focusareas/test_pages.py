"""Focus area index, focus area and project pages: content, periods, query bounds."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from home.demo import demo_image
from tests.factories import (
    AgreementPeriodFactory,
    FocusAreaIndexPageFactory,
    FocusAreaPageFactory,
    MunicipalityFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PersonFactory,
    ProjectPageFactory,
)
from tests.home.helpers import count_queries


@pytest.fixture
def periods(db):
    this_year = timezone.localdate().year
    return {
        "past": AgreementPeriodFactory(
            name="Gammel aftale", start_year=this_year - 8, end_year=this_year - 5
        ),
        "current": AgreementPeriodFactory(
            name="Ny aftale", start_year=this_year - 1, end_year=this_year + 2
        ),
    }


@pytest.fixture
def index(homes):
    return FocusAreaIndexPageFactory(
        parent=homes["da"], slug="indsatsomraader", intro="Vores indsatser."
    )


@pytest.mark.django_db
def test_index_separates_current_and_past_focus_areas(client: Client, index, periods):
    FocusAreaPageFactory(
        parent=index, title="Nichekultur", agreement_period=periods["current"]
    )
    FocusAreaPageFactory(parent=index, title="Musik", agreement_period=periods["past"])
    FocusAreaPageFactory(parent=index, title="Skjult", live=False)
    past = periods["past"]

    html = client.get("/indsatsomraader/").content.decode()

    assert "<h1>Indsatsområder</h1>" in html
    assert "Vores indsatser." in html
    assert html.index("Nichekultur") < html.index("Musik")
    assert f"Tidligere aftaleperiode {past.start_year}-{past.end_year}" in html
    assert html.count("Tidligere aftaleperiode") == 1
    assert "Skjult" not in html


@pytest.mark.django_db
def test_focus_area_page_shows_purpose_goals_people_projects_and_news(
    client: Client, homes, index, periods
):
    roskilde = MunicipalityFactory(name="Roskilde")
    lead = PersonFactory(name="Lærke Nyborg", municipality=roskilde)
    area = FocusAreaPageFactory(
        parent=index,
        slug="musik",
        title="Musik",
        summary="Talent og spillesteder.",
        agreement_period=periods["past"],
        purpose="<p>At nå nye unge musikere.</p>",
        result_goals=[("goal", "Flere unge kvindelige musikere.")],
        target_groups=[("target_group", "Unge musikere")],
    )
    area.project_leads.add(lead)
    area.municipalities.add(roskilde)
    area.save_revision().publish()
    ProjectPageFactory(parent=area, title="SuburbanGrrls", summary="Pigeprojekt.")
    ProjectPageFactory(parent=area, title="Kladdeprojekt", live=False)
    news_index = NewsIndexPageFactory(parent=homes["da"])
    for number in range(8):
        post = NewsPageFactory(
            parent=news_index,
            title=f"Musiknyhed {number}",
            date=datetime.date(2024, 1, 1 + number),
        )
        post.focus_areas.add(area)
        post.save_revision().publish()
    NewsPageFactory(parent=news_index, title="Anden nyhed")

    html = client.get("/indsatsomraader/musik/").content.decode()

    assert "<h1>Musik</h1>" in html
    assert "Talent og spillesteder." in html
    assert "At nå nye unge musikere." in html
    assert "<li>Flere unge kvindelige musikere.</li>" in html
    assert "<li>Unge musikere</li>" in html
    assert "Tidligere aftaleperiode" in html
    assert "Lærke Nyborg" in html and "Roskilde" in html
    assert "SuburbanGrrls" in html and "Kladdeprojekt" not in html
    assert "Musiknyhed 7" in html and "Musiknyhed 2" in html
    assert "Musiknyhed 1" not in html and "Musiknyhed 0" not in html
    assert "Anden nyhed" not in html


@pytest.mark.django_db
def test_project_page_shows_period_municipalities_and_contact(client: Client, index):
    area = FocusAreaPageFactory(parent=index, slug="ungekultur")
    contact = PersonFactory(name="Jonas Eskildsen", email="jonas@example.org")
    project = ProjectPageFactory(
        parent=area,
        slug="raa-festival",
        title="RÅ festival",
        summary="En festival for unge.",
        start_date=datetime.date(2023, 1, 20),
        end_date=datetime.date(2023, 1, 22),
        contact=contact,
        image=demo_image("RÅ"),
    )
    project.municipalities.add(MunicipalityFactory(name="Ishøj"))
    project.save_revision().publish()

    html = client.get("/indsatsomraader/ungekultur/raa-festival/").content.decode()

    assert "<h1>RÅ festival</h1>" in html
    assert "En festival for unge." in html
    assert "20. januar 2023" in html and "22. januar 2023" in html
    assert "<li>Ishøj</li>" in html
    assert "Jonas Eskildsen" in html and "mailto:jonas@example.org" in html
    assert "<picture>" in html


@pytest.mark.django_db
def test_index_queries_do_not_grow_with_focus_areas(
    client: Client, index, periods, django_assert_num_queries
):
    image = demo_image("Fælles")

    def add(count: int) -> None:
        for number in range(count):
            period = periods["past"] if number % 2 else periods["current"]
            FocusAreaPageFactory(parent=index, image=image, agreement_period=period)

    add(4)
    client.get("/indsatsomraader/")
    few = count_queries(client, "/indsatsomraader/")
    add(20)
    client.get("/indsatsomraader/")

    with django_assert_num_queries(few):
        response = client.get("/indsatsomraader/")
    assert response.content.decode().count('class="card focus-area-card"') == 24


@pytest.mark.django_db
def test_focus_area_page_queries_do_not_grow(
    client: Client, homes, index, periods, django_assert_num_queries
):
    image = demo_image("Fælles")
    area = FocusAreaPageFactory(
        parent=index, slug="musik", agreement_period=periods["current"], image=image
    )
    news_index = NewsIndexPageFactory(parent=homes["da"])

    def add(count: int) -> None:
        for _ in range(count):
            person = PersonFactory(municipality=MunicipalityFactory(), photo=image)
            area.project_leads.add(person)
            area.municipalities.add(MunicipalityFactory())
            ProjectPageFactory(parent=area, image=image)
            post = NewsPageFactory(parent=news_index, image=image)
            post.focus_areas.add(area)
            post.save_revision().publish()
        area.save_revision().publish()

    add(2)
    client.get("/indsatsomraader/musik/")
    few = count_queries(client, "/indsatsomraader/musik/")
    add(10)
    client.get("/indsatsomraader/musik/")

    with django_assert_num_queries(few):
        response = client.get("/indsatsomraader/musik/")
    html = response.content.decode()
    assert html.count('class="card project-card"') == 12
    assert html.count('class="card person-card"') == 12
