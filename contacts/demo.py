"""Demo content of the contacts app: fictitious people and the contact directory.

Names, e-mail addresses (example.org) and phone numbers are made up.
"""

from wagtail.models import Locale

from contacts.models import ContactDirectoryPage, Person
from home.demo import danish_home, demo_image, ensure_page
from municipalities.models import Municipality

SECRETARIAT = [
    # (name, job title, e-mail, phone, municipality slug)
    (
        "Mikkel Strand Lund",
        "Sekretariatschef",
        "mikkel.lund@example.org",
        "+45 00 00 10 01",
        "ishoj",
    ),
    (
        "Sofie Krogh Dahl",
        "Kommunikations- og sekretariatsmedarbejder",
        "sofie.dahl@example.org",
        "+45 00 00 10 02",
        "ishoj",
    ),
    (
        "Ida Winther Bak",
        "Projektkoordinator",
        "ida.bak@example.org",
        "+45 00 00 10 03",
        "ishoj",
    ),
]

PROJECT_CHIEFS = [
    (
        "Lærke Holm Nyborg",
        "Projektchef – Musik",
        "laerke.nyborg@example.org",
        "+45 00 00 20 01",
        "roskilde",
    ),
    (
        "Jonas Ravn Eskildsen",
        "Projektchef – Ungekultur",
        "jonas.eskildsen@example.org",
        "+45 00 00 20 02",
        "albertslund",
    ),
    (
        "Nanna Friis Thorup",
        "Projektchef – Et bedre liv med kultur",
        "nanna.thorup@example.org",
        "+45 00 00 20 03",
        "ishoj",
    ),
    (
        "Emil Bech Sørensen",
        "Projektchef – Nichekultur",
        "emil.sorensen@example.org",
        "+45 00 00 20 04",
        "koge",
    ),
]


def ensure_people(rows: list[tuple[str, str, str, str, str]]) -> list[Person]:
    """Creates or updates the Danish people with these e-mail addresses."""
    danish = Locale.objects.get(language_code="da")
    people = []
    for name, job_title, email, phone, municipality_slug in rows:
        person, _created = Person.objects.update_or_create(
            email=email,
            locale=danish,
            defaults={
                "name": name,
                "job_title": job_title,
                "phone": phone,
                "municipality": Municipality.objects.filter(
                    slug=municipality_slug, locale=danish
                ).first(),
                "photo": demo_image(f"Portræt: {name}", width=480, height=480),
            },
        )
        people.append(person)
    return people


def load(command) -> None:
    secretariat = ensure_people(SECRETARIAT)
    chiefs = ensure_people(PROJECT_CHIEFS)
    ensure_page(
        danish_home(),
        ContactDirectoryPage,
        "kontakt",
        title="Kontakt",
        show_in_menus=True,
        intro=(
            "Sekretariatet i Ishøj svarer på spørgsmål om Kulturmetropolen. "
            "Projektcheferne ved mest om de enkelte indsatser."
        ),
        groups=[
            (
                "group",
                {
                    "heading": "Sekretariatet",
                    "intro": "Sekretariatet ligger i Ishøj Kommune.",
                    "people": secretariat,
                },
            ),
            (
                "group",
                {
                    "heading": "Projektchefer",
                    "intro": "Én projektchef for hvert indsatsområde.",
                    "people": chiefs,
                },
            ),
        ],
    )
