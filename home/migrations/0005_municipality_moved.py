import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0004_municipality_moved'),
        ('focusareas', '0003_municipality_moved'),
        ('home', '0004_footer_links'),
        ('municipalities', '0001_initial'),
        ('news', '0002_municipality_moved'),
        ('newsletter', '0003_municipality_moved'),
    ]

    # The municipality moved to its own app (municipalities): the same table, so
    # only Django's picture of the models changes here.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='standardpage',
                    name='owner_municipality',
                    field=models.ForeignKey(blank=True, help_text='The municipality whose editors look after this page. Leave empty for pages the secretariat looks after.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='municipalities.municipality', verbose_name='responsible municipality'),
                ),
                migrations.DeleteModel(
                    name='Municipality',
                ),
            ],
            database_operations=[],
        ),
    ]
