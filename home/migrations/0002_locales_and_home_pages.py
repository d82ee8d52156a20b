"""Creates the Danish, English and Swedish locales and one HomePage in each tree.

The three home pages share a translation key, so the language switcher links them.
"""

import uuid

from django.db import migrations

LANGUAGES = ["da", "en", "sv"]


def create_locales_and_homes(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES
    }
    if HomePage.objects.exists():
        return

    # Wagtail's own first migration leaves a "Welcome" page; it is replaced.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(
        model="homepage", app_label="home"
    )
    translation_key = uuid.uuid4()
    homes = {}
    for index, code in enumerate(LANGUAGES, start=1):
        slug = "home" if code == "da" else f"home-{code}"
        homes[code] = HomePage.objects.create(
            title="Kulturmetropolen",
            draft_title="Kulturmetropolen",
            slug=slug,
            content_type=content_type,
            path=f"{root.path}{index:04d}",
            depth=2,
            numchild=0,
            url_path=f"/{slug}/",
            locale=locales[code],
            translation_key=translation_key,
            live=True,
        )
    root.numchild = len(LANGUAGES)
    root.save(update_fields=["numchild"])

    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=homes["da"], is_default_site=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_locales_and_homes, migrations.RunPython.noop),
    ]
