"""Demo content of the newsletter: the Danish archive page and one past issue.

Idempotent: the archive and the issue are looked up by slug and left alone when
they exist. No demo subscribers: people sign up themselves.
"""

from wagtail.models import Locale

from home.models import HomePage
from news.models import NewsPage
from newsletter.models import NewsletterArchivePage, NewsletterPage

ARCHIVE_SLUG = "nyhedsbrev"
ISSUE_SLUG = "nyhedsbrev-efteraar-2021"


def load(command) -> None:
    danish = Locale.objects.get(language_code="da")
    home = HomePage.objects.filter(locale=danish).first()
    if home is None:
        return
    archive = (
        NewsletterArchivePage.objects.child_of(home).filter(slug=ARCHIVE_SLUG).first()
    )
    if archive is None:
        archive = NewsletterArchivePage(
            title="Nyhedsbrev",
            slug=ARCHIVE_SLUG,
            locale=danish,
            intro=(
                "<p>Få nyt fra kulturpartnerskabet et par gange om året: projekter, "
                "arrangementer og resultater fra de ni kommuner.</p>"
            ),
        )
        home.add_child(instance=archive)
        archive.save_revision().publish()
    if NewsletterPage.objects.child_of(archive).filter(slug=ISSUE_SLUG).exists():
        return
    posts = NewsPage.objects.live().filter(locale=danish).order_by("-date")[:3]
    issue = NewsletterPage(
        title="Nyhedsbrev efteråret 2021",
        slug=ISSUE_SLUG,
        locale=danish,
        intro=(
            "<p>Kære læser. Her er et udpluk af, hvad der er sket i "
            "kulturaftalen siden sidst.</p>"
        ),
        posts=[("post", post) for post in posts],
    )
    archive.add_child(instance=issue)
    issue.save_revision().publish()
