"""Contact directory, vCard download and the admin listings of the snippets."""

import pytest
from django.test import Client

from contacts.models import Person
from contacts.vcard import escape_text, fold_line
from home.demo import demo_image
from tests.factories import (
    AgreementPeriodFactory,
    ContactDirectoryPageFactory,
    MunicipalityFactory,
    PersonFactory,
)
from tests.home.helpers import count_queries


@pytest.mark.django_db
def test_vcard_download(client: Client):
    person = PersonFactory(
        name="Anne-Marie Holm; Berg",
        job_title="Projektchef, musik",
        email="anne@example.org",
        phone="+45 00 00 20 01",
        municipality=MunicipalityFactory(name="Køge"),
    )

    response = client.get(f"/contacts/vcard/{person.pk}.vcf")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    assert 'filename="anne-marie-holm-berg.vcf"' in response["Content-Disposition"]
    text = response.content.decode()
    lines = text.split("\r\n")
    assert lines[:2] == ["BEGIN:VCARD", "VERSION:3.0"]
    assert "FN:Anne-Marie Holm\\; Berg" in lines
    assert "N:Berg;Anne-Marie Holm\\;;;;" in lines
    assert "TITLE:Projektchef\\, musik" in lines
    assert "ORG:Kulturmetropolen;Køge" in lines
    assert "EMAIL;TYPE=INTERNET,WORK:anne@example.org" in lines
    assert "TEL;TYPE=WORK,VOICE:+45 00 00 20 01" in lines
    assert lines[-2:] == ["END:VCARD", ""]


@pytest.mark.django_db
def test_vcard_under_language_prefix(client: Client):
    person = PersonFactory()

    assert client.get(f"/en/contacts/vcard/{person.pk}.vcf").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/contacts/vcard/999999.vcf", "/contacts/vcard/x.vcf"]
)
def test_vcard_unknown_person_is_404(client: Client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_vcard_refuses_post(client: Client):
    person = PersonFactory()

    assert client.post(f"/contacts/vcard/{person.pk}.vcf").status_code == 405


def test_vcard_escaping_and_folding():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    folded = fold_line("NOTE:" + "æ" * 100)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part.removeprefix(" ") for part in parts) == "NOTE:" + "æ" * 100


@pytest.mark.django_db
def test_contact_directory_lists_groups_and_people(client: Client, homes):
    chief = PersonFactory(
        name="Lærke Nyborg",
        job_title="Projektchef – Musik",
        email="laerke@example.org",
        phone="+45 00 00 20 01",
        municipality=MunicipalityFactory(name="Roskilde"),
        photo=demo_image("Portræt"),
    )
    head = PersonFactory(name="Mikkel Lund", job_title="Sekretariatschef")
    ContactDirectoryPageFactory(
        parent=homes["da"],
        slug="kontakt",
        intro="Skriv eller ring.",
        groups=[
            ("group", {"heading": "Sekretariatet", "intro": "", "people": [head]}),
            ("group", {"heading": "Projektchefer", "intro": "", "people": [chief]}),
        ],
    )

    html = client.get("/kontakt/").content.decode()

    assert "<h1>Kontakt</h1>" in html
    assert html.index("Sekretariatet") < html.index("Mikkel Lund")
    assert html.index("Projektchefer") < html.index("Lærke Nyborg")
    assert "Projektchef – Musik" in html and "Roskilde" in html
    assert 'href="mailto:laerke@example.org"' in html
    assert 'href="tel:+4500002001"' in html
    assert f'href="/contacts/vcard/{chief.pk}.vcf"' in html
    assert '<img alt=""' in html


@pytest.mark.django_db
def test_contact_directory_skips_deleted_people(client: Client, homes):
    gone = PersonFactory(name="Tidligere Medarbejder")
    stays = PersonFactory(name="Nuværende Medarbejder")
    ContactDirectoryPageFactory(
        parent=homes["da"],
        slug="kontakt",
        groups=[("group", {"heading": "Alle", "intro": "", "people": [gone, stays]})],
    )
    gone.delete()

    response = client.get("/kontakt/")

    assert response.status_code == 200
    assert "Nuværende Medarbejder" in response.content.decode()
    assert "Tidligere Medarbejder" not in response.content.decode()


@pytest.mark.django_db
def test_contact_directory_queries_do_not_grow_with_people(
    client: Client, homes, django_assert_num_queries
):
    photo = demo_image("Portræt")
    page = ContactDirectoryPageFactory(parent=homes["da"], slug="kontakt")

    def set_people(count: int) -> None:
        people = [
            PersonFactory(municipality=MunicipalityFactory(), photo=photo)
            for _ in range(count)
        ]
        half = count // 2
        page.groups = [
            (
                "group",
                {"heading": "Sekretariatet", "intro": "", "people": people[:half]},
            ),
            (
                "group",
                {"heading": "Projektchefer", "intro": "", "people": people[half:]},
            ),
        ]
        page.save_revision().publish()

    set_people(4)
    client.get("/kontakt/")
    few = count_queries(client, "/kontakt/")
    set_people(40)
    client.get("/kontakt/")

    with django_assert_num_queries(few):
        response = client.get("/kontakt/")
    assert response.content.decode().count('class="card person-card"') == 40


@pytest.mark.django_db
def test_people_snippet_list_searches_and_filters(admin_client: Client):
    koge = MunicipalityFactory(name="Køge")
    PersonFactory(name="Lærke Nyborg", job_title="Projektchef", municipality=koge)
    PersonFactory(name="Mikkel Lund", job_title="Sekretariatschef")

    listing = admin_client.get("/admin/snippets/contacts/person/")
    search = admin_client.get("/admin/snippets/contacts/person/?q=sekretariat")
    filtered = admin_client.get(
        f"/admin/snippets/contacts/person/?municipality={koge.pk}"
    )

    assert listing.status_code == 200
    assert "Lærke Nyborg" in listing.content.decode()
    assert "Køge" in listing.content.decode()
    assert "Mikkel Lund" in search.content.decode()
    assert "Lærke Nyborg" not in search.content.decode()
    assert "Lærke Nyborg" in filtered.content.decode()
    assert "Mikkel Lund" not in filtered.content.decode()


@pytest.mark.django_db
def test_people_snippet_can_be_added_in_admin(admin_client: Client, locales):
    response = admin_client.post(
        "/admin/snippets/contacts/person/add/?locale=da",
        {
            "name": "Ny Person",
            "job_title": "Projektkoordinator",
            "email": "ny@example.org",
            "phone": "",
        },
    )

    assert response.status_code == 302
    assert Person.objects.get(name="Ny Person").locale == locales["da"]


@pytest.mark.django_db
def test_municipality_and_period_snippets_are_listed(admin_client: Client):
    MunicipalityFactory(name="Halsnæs", is_chair=True)
    MunicipalityFactory(name="Herlev")
    AgreementPeriodFactory(name="Kulturaftale 2021-2024", start_year=2021)

    municipalities = admin_client.get(
        "/admin/snippets/municipalities/municipality/?is_chair=true"
    ).content.decode()
    periods = admin_client.get(
        "/admin/snippets/focusareas/agreementperiod/?q=2021"
    ).content.decode()

    assert "Halsnæs" in municipalities and "Herlev" not in municipalities
    assert "Kulturaftale 2021-2024" in periods
