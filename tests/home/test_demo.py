"""Demo content: the Danish tree it builds, and a second run changes nothing."""

from django.core.management import call_command
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from contacts.models import ContactDirectoryPage, Person
from focusareas.models import AgreementPeriod, FocusAreaPage, ProjectPage
from home.models import HomePage, SiteSettings, StandardPage
from municipalities.models import Municipality


def row_counts() -> dict[str, int]:
    models = [
        Page,
        Revision,
        Person,
        Municipality,
        AgreementPeriod,
        SiteSettings,
        get_image_model(),
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_demo_content_builds_the_danish_tree_once(client: Client, demo_content):
    # demo_content is what the loader left (tests/demo_snapshot.py): load again.
    first = row_counts()
    call_command("load_demo_content", verbosity=0)

    assert row_counts() == first

    home = HomePage.objects.get(locale__language_code="da")
    assert home.hero_heading and home.hero_image
    assert home.featured_focus_areas.count() == 3
    slugs = set(StandardPage.objects.live().values_list("slug", flat=True))
    assert {
        "om-kulturmetropolen",
        "vision",
        "tilgaengelighedserklaering",
        "privatlivspolitik",
    } <= slugs
    areas = FocusAreaPage.objects.live().filter(locale__language_code="da")
    assert set(areas.values_list("title", flat=True)) == {
        "Musik",
        "Ungekultur",
        "Et bedre liv med kultur",
        "Skaberkraft og talentudvikling",
        "Et bedre liv med fællesskaber og kultur",
        "Nichekultur",
    }
    assert set(ProjectPage.objects.live().values_list("title", flat=True)) >= {
        "RÅ festival",
        "SuburbanGrrls",
        "Ord.Liv.Skriv!",
    }
    assert all(p.email.endswith("@example.org") for p in Person.objects.all())
    directory = ContactDirectoryPage.objects.get(
        slug="kontakt", locale__language_code="da"
    )
    assert [group.heading for group in directory.get_groups()] == [
        "Sekretariatet",
        "Projektchefer",
    ]
    assert len(directory.get_groups()[0].people) == 3

    for path in [
        "/",
        "/om-kulturmetropolen/",
        "/indsatsomraader/",
        "/indsatsomraader/musik/",
        "/indsatsomraader/ungekultur/raa-festival/",
        "/kontakt/",
    ]:
        assert client.get(path).status_code == 200, path
    menu = client.get("/").content.decode().split('class="main-menu"')[1]
    menu = menu.split("</nav>")[0]
    assert "Om Kulturmetropolen" in menu and "Kontakt" in menu
    assert "Privatlivspolitik" not in menu

    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/indsatsomraader/nichekultur/</loc>" in sitemap
    assert "/kontakt/</loc>" in sitemap
