import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0003_initial'),
        ('municipalities', '0001_initial'),
    ]

    # The municipality moved to its own app (municipalities): the same table, so
    # only Django's picture of the models changes here.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='person',
                    name='municipality',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='people', to='municipalities.municipality', verbose_name='municipality'),
                ),
            ],
            database_operations=[],
        ),
    ]
