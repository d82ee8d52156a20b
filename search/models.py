from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One searchable object's words, stemmed in its language, under an integer key.

    Used on PostgreSQL only (``search/backends/postgres.py`` writes it beside each
    row of Wagtail's index and deletes it with that row); the table exists on
    every database so that migrations and test flushes are the same everywhere.
    ``document`` is the title and body of the index row in one ``tsvector``
    (title words weighted higher), GIN-indexed on PostgreSQL (migration 0001),
    so a search ANDs that index with the one on ``locale``.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.BigIntegerField()
    #: The object's locale (none for models without one): the search filters on
    #: it before joining the searched table.
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    document = SearchVectorField()
    #: The title's words alone (short, never moved out of the row): whether a
    #: match is in the title orders the candidates that get ranked.
    title = SearchVectorField()

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                name="search_document_unique_object",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"
