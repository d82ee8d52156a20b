import django.db.models.deletion
import modelsearch.index
import uuid
import wagtail.models.preview
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('home', '0004_footer_links'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtailimages', '0027_image_description'),
    ]

    # The municipality moved to its own app (municipalities): the same table, so
    # only Django's picture of the models changes here.
    # 0002 gives the table this app's name.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Municipality',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('slug', models.SlugField(help_text='Used in web addresses and filters, e.g. "roskilde".', max_length=100, verbose_name='slug')),
                        ('website', models.URLField(blank=True, verbose_name='website')),
                        ('is_chair', models.BooleanField(default=False, help_text='The chair hosts the secretariat.', verbose_name='chairs the partnership')),
                        ('description', models.TextField(blank=True, max_length=500, verbose_name='short description')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('logo', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image', verbose_name='coat of arms or logo')),
                    ],
                    options={
                        'verbose_name': 'municipality',
                        'verbose_name_plural': 'municipalities',
                        'ordering': ['name'],
                        'db_table': 'home_municipality',
                        'abstract': False,
                        'constraints': [models.UniqueConstraint(fields=('slug', 'locale'), name='unique_municipality_slug_per_locale')],
                        'unique_together': {('translation_key', 'locale')},
                    },
                    bases=(wagtail.models.preview.PreviewableMixin, modelsearch.index.Indexed, models.Model),
                ),
            ],
            database_operations=[],
        ),
    ]
