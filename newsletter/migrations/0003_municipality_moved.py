from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('municipalities', '0001_initial'),
        ('newsletter', '0002_confirmation_retries'),
    ]

    # The municipality moved to its own app (municipalities): the same table, so
    # only Django's picture of the models changes here.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='subscriber',
                    name='municipalities',
                    field=models.ManyToManyField(blank=True, related_name='+', to='municipalities.municipality', verbose_name='municipalities'),
                ),
            ],
            database_operations=[],
        ),
    ]
