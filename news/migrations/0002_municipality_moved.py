import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('municipalities', '0001_initial'),
        ('news', '0001_initial'),
    ]

    # The municipality moved to its own app (municipalities): the same table, so
    # only Django's picture of the models changes here.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='newspage',
                    name='municipalities',
                    field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='news_posts', to='municipalities.municipality', verbose_name='municipalities'),
                ),
                migrations.AlterField(
                    model_name='newspage',
                    name='owner_municipality',
                    field=models.ForeignKey(blank=True, help_text='The municipality whose editors look after this page. Leave empty for pages the secretariat looks after.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='municipalities.municipality', verbose_name='responsible municipality'),
                ),
            ],
            database_operations=[],
        ),
    ]
