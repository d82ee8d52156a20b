"""An index on Wagtail's page table for finding pages by address: the router and
the frame (home/frame.py) ask for the pages at a few ``url_path``s of known depth
and for the menu pages at one depth. Without it both databases read every page.
Wagtail's own model does not declare it, so it is made here with SQL and the
model state is left as Wagtail defines it."""

from django.db import migrations

INDEX = "home_page_depth_url_path"


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_image_block"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, url_path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
