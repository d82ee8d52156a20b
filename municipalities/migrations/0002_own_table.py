from django.db import migrations


def rename_content_type(apps, schema_editor, old="home", new="municipalities"):
    """Keeps the content type's id, so permissions, revisions, translations and
    search entries that point at it still find the municipalities."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    moved = ContentType.objects.filter(app_label=old, model="municipality")
    if moved.exists():
        # One made early (by a post_migrate in between) points at nothing yet.
        ContentType.objects.filter(app_label=new, model="municipality").delete()
        moved.update(app_label=new)


def restore_content_type(apps, schema_editor):
    rename_content_type(apps, schema_editor, old="municipalities", new="home")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0005_municipality_moved"),
        ("municipalities", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="municipality", table=None),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]
