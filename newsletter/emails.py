"""The e-mails of the newsletter: the sign-up confirmation and the issues.

Every e-mail is multipart (plain text and HTML with inline CSS) and written in the
subscriber's language. Issue e-mails carry the RFC 8058 one-click unsubscribe headers.
"""

from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from .models import NewsletterPage, Subscriber
from .tokens import make_confirmation_token

# Reversing a URL per e-mail is costly; each issue reverses one pattern instead.
UNSUBSCRIBE_PLACEHOLDER = "unsubscribe-token-placeholder"


def base_url() -> str:
    """The site's public address for links in e-mails (no trailing slash)."""
    url = (
        getattr(settings, "NEWSLETTER_BASE_URL", None) or settings.WAGTAILADMIN_BASE_URL
    )
    return url.rstrip("/")


def page_link(page) -> str:
    """An absolute address of a page for use in an e-mail."""
    url = page.get_url(None) or ""
    return url if url.startswith("http") else base_url() + url


def absolute_url(route: str, *args: object, language: str) -> str:
    with translation.override(language):
        return base_url() + reverse(route, args=args)


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute_url(
        "newsletter:unsubscribe",
        subscriber.unsubscribe_token,
        language=subscriber.language,
    )


def build_confirmation_email(subscriber: Subscriber) -> EmailMultiAlternatives:
    """The double opt-in e-mail with a signed, expiring link to the confirm page."""
    language = subscriber.language
    with translation.override(language):
        context = {
            "confirm_url": absolute_url(
                "newsletter:confirm",
                make_confirmation_token(subscriber),
                language=language,
            ),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "language": language,
        }
        subject = _("Please confirm your subscription to the %(site)s newsletter") % {
            "site": settings.WAGTAIL_SITE_NAME
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=get_template("newsletter/email/confirm.txt").render(context),
            to=[subscriber.email],
        )
        message.attach_alternative(
            get_template("newsletter/email/confirm.html").render(context), "text/html"
        )
    return message


@dataclass
class IssueEmailContext:
    """What every e-mail of one issue translation shares, computed once."""

    issue: NewsletterPage
    language: str
    posts: list[dict] = field(default_factory=list)
    intro_html: str = ""
    web_url: str = ""
    unsubscribe_pattern: str = ""

    @classmethod
    def for_issue(cls, issue: NewsletterPage) -> "IssueEmailContext":
        language = issue.locale.language_code
        posts = [
            {
                "title": post.title,
                "lead": post.lead,
                "date": post.date,
                "url": page_link(post),
            }
            for post in issue.get_posts()
        ]
        return cls(
            issue=issue,
            language=language,
            posts=posts,
            intro_html=expand_db_html(issue.intro) if issue.intro else "",
            web_url=page_link(issue),
            unsubscribe_pattern=absolute_url(
                "newsletter:unsubscribe", UNSUBSCRIBE_PLACEHOLDER, language=language
            ),
        )


def issue_message_id(issue, subscriber: Subscriber) -> str:
    """The same Message-ID for every attempt at one issue to one subscriber: should
    a worker die after the mail server took the message but before it recorded
    that (newsletter/sending.py), the copy sent again is recognisably the same
    message, which mail systems show once."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<newsletter.{issue.translation_key}.{subscriber.pk}@{domain}>"


def build_issue_email(
    shared: IssueEmailContext, subscriber: Subscriber
) -> EmailMultiAlternatives:
    """One subscriber's e-mail of an issue, with a personal unsubscribe link."""
    if subscriber.language == shared.language:
        link = shared.unsubscribe_pattern.replace(
            UNSUBSCRIBE_PLACEHOLDER, subscriber.unsubscribe_token
        )
    else:
        link = unsubscribe_url(subscriber)
    with translation.override(shared.language):
        context = {
            "issue": shared.issue,
            "posts": shared.posts,
            "intro_html": shared.intro_html,
            "web_url": shared.web_url,
            "unsubscribe_url": link,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "language": shared.language,
        }
        message = EmailMultiAlternatives(
            subject=shared.issue.title,
            body=get_template("newsletter/email/issue.txt").render(context),
            to=[subscriber.email],
            headers={
                "Message-ID": issue_message_id(shared.issue, subscriber),
                "List-Unsubscribe": f"<{link}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            get_template("newsletter/email/issue.html").render(context), "text/html"
        )
    return message
