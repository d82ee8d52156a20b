"""Subscribers, newsletter issues (pages) and per-subscriber deliveries.

Privacy: a subscriber row holds the address, the language and interests the person
chose, and the consent record. No IP address is stored (the rate limiter only keeps
salted hashes in the cache for an hour).
"""

import secrets
import uuid

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.models import KnownViewRestrictionsMixin
from home.visibility import public_q

# Bump when the consent text shown next to the sign-up form changes in substance.
CONSENT_TEXT_VERSION = "2026-11-1"


def normalise_email(address: str) -> str:
    """Returns the address stripped and lower-cased: one subscriber per mailbox."""
    return address.strip().lower()


def new_unsubscribe_token() -> str:
    return secrets.token_urlsafe(32)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> "SubscriberQuerySet":
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def interested_in(
        self, focus_area_keys: set[uuid.UUID], municipality_keys: set[uuid.UUID]
    ) -> "SubscriberQuerySet":
        """Subscribers who chose no interest (= everything) or one of these.

        Interests match by translation key, so a subscriber who chose the Swedish
        version of a focus area matches news tagged with its Danish original.
        """
        focus_links = Subscriber.focus_areas.through.objects.filter(
            subscriber=OuterRef("pk")
        )
        municipality_links = Subscriber.municipalities.through.objects.filter(
            subscriber=OuterRef("pk")
        )
        condition = ~Exists(focus_links) & ~Exists(municipality_links)
        if focus_area_keys:
            condition |= Exists(
                focus_links.filter(focusareapage__translation_key__in=focus_area_keys)
            )
        if municipality_keys:
            condition |= Exists(
                municipality_links.filter(
                    municipality__translation_key__in=municipality_keys
                )
            )
        return self.filter(condition)


class Subscriber(models.Model):
    """One e-mail address on the newsletter list and the consent behind it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    email = models.EmailField(verbose_name=_("e-mail address"), unique=True)
    language = models.CharField(
        verbose_name=_("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The newsletter is sent in this language."),
    )
    focus_areas = models.ManyToManyField(
        "focusareas.FocusAreaPage",
        verbose_name=_("focus areas"),
        blank=True,
        related_name="+",
        help_text=_("Leave both interests empty to receive everything."),
    )
    municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        verbose_name=_("municipalities"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
    )
    consent_text_version = models.CharField(
        verbose_name=_("consent text version"), max_length=20, blank=True
    )
    subscribed_at = models.DateTimeField(
        verbose_name=_("signed up at"), default=timezone.now
    )
    confirmed_at = models.DateTimeField(
        verbose_name=_("confirmed at"), null=True, blank=True
    )
    source_page = models.CharField(
        verbose_name=_("signed up on page"), max_length=255, blank=True
    )
    withdrawn_at = models.DateTimeField(
        verbose_name=_("unsubscribed at"), null=True, blank=True
    )
    unsubscribe_token = models.CharField(
        max_length=64, unique=True, default=new_unsubscribe_token, editable=False
    )
    # Delivery of the confirmation e-mail, retried while the mail server is away.
    confirmation_sent_at = models.DateTimeField(
        verbose_name=_("confirmation e-mail sent at"), null=True, blank=True
    )
    confirmation_attempts = models.PositiveSmallIntegerField(
        verbose_name=_("confirmation e-mail attempts"), default=0
    )
    confirmation_attempted_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-subscribed_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="newsletter_subscriber_email_ci_unique"
            )
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def start_subscription(self, *, language: str, source_page: str) -> None:
        """Records a new sign-up (also after an unsubscription): back to pending."""
        self.status = self.Status.PENDING
        self.language = language
        self.source_page = source_page[:255]
        self.consent_text_version = CONSENT_TEXT_VERSION
        self.subscribed_at = timezone.now()
        self.confirmed_at = None
        self.withdrawn_at = None
        # A new sign-up asks for a new confirmation e-mail.
        self.confirmation_sent_at = None
        self.confirmation_attempts = 0
        self.confirmation_attempted_at = None
        self.save()

    def confirm(self) -> None:
        """Marks a pending sign-up as confirmed (double opt-in completed)."""
        self.status = self.Status.CONFIRMED
        self.confirmed_at = timezone.now()
        self.save(update_fields=["status", "confirmed_at", "email"])

    def unsubscribe(self) -> None:
        """Withdraws consent and keeps only what is needed to honour it.

        Kept: the address (so it is never mailed again), the withdrawal time and
        the consent record that covered earlier mailings. Dropped: interests and
        the page the person signed up on.
        """
        if self.status == self.Status.UNSUBSCRIBED:
            return
        self.status = self.Status.UNSUBSCRIBED
        self.withdrawn_at = timezone.now()
        self.source_page = ""
        self.save(update_fields=["status", "withdrawn_at", "source_page", "email"])
        self.focus_areas.clear()
        self.municipalities.clear()


class NewsletterArchivePage(KnownViewRestrictionsMixin, Page):
    """The newsletter's public page: the sign-up form and the archive of issues."""

    intro = RichTextField(
        verbose_name=_("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("What the newsletter is about and how often it comes."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletter.NewsletterPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("newsletter archive")
        verbose_name_plural = _("newsletter archives")

    def get_issues(self) -> models.QuerySet:
        """Returns the live, public issues under this archive, newest first."""
        return (
            NewsletterPage.objects.child_of(self)
            .live()
            .filter(public_q())
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.get_issues(), 20)
        context["issues"] = paginator.get_page(request.GET.get("page"))
        return context


class NewsletterPage(KnownViewRestrictionsMixin, Page):
    """One issue of the newsletter: an introduction and a selection of news posts."""

    intro = RichTextField(
        verbose_name=_("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("A few words from the secretariat at the top of the e-mail."),
    )
    posts = StreamField(
        [
            (
                "post",
                blocks.PageChooserBlock(
                    page_type="news.NewsPage", label=_("news post")
                ),
            )
        ],
        verbose_name=_("news posts"),
        blank=True,
        help_text=_(
            "Leave empty to include the news published since the previous issue."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("posts")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["newsletter.NewsletterArchivePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def previous_issue(self) -> "NewsletterPage | None":
        """The newest other live issue in this language published before this one."""
        issues = (
            NewsletterPage.objects.live()
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .exclude(first_published_at__isnull=True)
        )
        if self.first_published_at:
            issues = issues.filter(first_published_at__lt=self.first_published_at)
        return issues.order_by("-first_published_at").first()

    def suggested_posts(self) -> models.QuerySet:
        """Live news in this issue's language published since the previous issue."""
        from news.models import NewsPage

        posts = (
            NewsPage.objects.live().filter(public_q()).filter(locale_id=self.locale_id)
        )
        previous = self.previous_issue()
        if previous is not None:
            posts = posts.filter(first_published_at__gt=previous.first_published_at)
        if self.first_published_at:
            posts = posts.filter(first_published_at__lte=self.first_published_at)
        return posts.order_by("-date", "-pk")[:10]

    def get_posts(self) -> list:
        """The chosen live posts, or the suggested ones when none are chosen.

        Chosen posts are shown in the issue's language where a translation is live.
        """
        from news.models import NewsPage

        chosen_ids = [block.value.pk for block in self.posts if block.value]
        if not chosen_ids:
            posts = list(self.suggested_posts())
        else:
            by_id = NewsPage.objects.live().filter(public_q()).in_bulk(chosen_ids)
            posts = [by_id[pk] for pk in chosen_ids if pk in by_id]
            posts = self._in_own_language(posts)
        return posts

    def _in_own_language(self, posts: list) -> list:
        """Swaps posts for their live translation in this issue's language."""
        from news.models import NewsPage

        foreign = [p.translation_key for p in posts if p.locale_id != self.locale_id]
        if not foreign:
            return posts
        translated = {
            post.translation_key: post
            for post in NewsPage.objects.live()
            .filter(public_q())
            .filter(translation_key__in=foreign, locale_id=self.locale_id)
        }
        return [translated.get(post.translation_key, post) for post in posts]

    def get_topic_keys(self) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
        """Translation keys of the focus areas and municipalities the posts cover."""
        from news.models import NewsPage

        post_ids = [post.pk for post in self.get_posts()]
        focus = NewsPage.focus_areas.through.objects.filter(newspage_id__in=post_ids)
        municipal = NewsPage.municipalities.through.objects.filter(
            newspage_id__in=post_ids
        )
        return (
            set(focus.values_list("focusareapage__translation_key", flat=True)),
            set(municipal.values_list("municipality__translation_key", flat=True)),
        )

    def matching_subscribers(self) -> SubscriberQuerySet:
        """Confirmed subscribers in this issue's language whose interests match.

        An issue whose posts name no focus area or municipality goes to everyone.
        """
        subscribers = Subscriber.objects.confirmed().filter(
            language=self.locale.language_code
        )
        focus_keys, municipality_keys = self.get_topic_keys()
        if not focus_keys and not municipality_keys:
            return subscribers
        return subscribers.interested_in(focus_keys, municipality_keys)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["posts"] = self.get_posts()
        return context


class Delivery(models.Model):
    """One e-mail of one issue to one subscriber; the unit of resumable sending.

    Life cycle: pending -> sending -> sent, or back to pending with a later
    ``next_attempt_at`` after an SMTP error, or failed; a worker holds a lock on
    the row while it sends (newsletter/sending.py). A row left "sending" by a
    worker that died is in doubt: it is sent again and counted in
    ``interrupted_attempts``. "claimed" is only found in rows an earlier version
    left, which ``sending.recover_stale`` clears.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        CLAIMED = "claimed", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    issue = models.ForeignKey(
        NewsletterPage,
        verbose_name=_("issue"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    issue_key = models.UUIDField(
        help_text=_("The issue's translation key: one e-mail per issue and person.")
    )
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(verbose_name=_("attempts"), default=0)
    interrupted_attempts = models.PositiveSmallIntegerField(
        verbose_name=_("interrupted attempts"),
        default=0,
        help_text=_(
            "Attempts whose worker stopped while handing the e-mail to the mail "
            "server: the subscriber may have received it twice, with the same "
            "Message-ID."
        ),
    )
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(verbose_name=_("sent at"), null=True, blank=True)
    last_error = models.TextField(verbose_name=_("last error"), blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        permissions = [("send_newsletter", _("Can send newsletter issues"))]
        constraints = [
            models.UniqueConstraint(
                fields=["issue_key", "subscriber"],
                name="newsletter_one_delivery_per_issue_and_subscriber",
            )
        ]
        indexes = [
            models.Index(
                fields=["issue_key", "status", "next_attempt_at"],
                name="newsletter_delivery_queue",
            )
        ]

    def __str__(self):
        return f"{self.issue_id} → {self.subscriber_id}"


def issue_progress(issue_key: uuid.UUID) -> dict[str, int]:
    """Counts of an issue's deliveries: total, sent, failed, waiting, cancelled,
    and in doubt (interrupted while handed to the mail server, sent again)."""
    counts = dict(
        Delivery.objects.filter(issue_key=issue_key)
        .values_list("status")
        .annotate(n=models.Count("pk"))
        .values_list("status", "n")
    )
    waiting = sum(
        counts.get(status, 0)
        for status in (
            Delivery.Status.PENDING,
            Delivery.Status.CLAIMED,
            Delivery.Status.SENDING,
        )
    )
    in_doubt = Delivery.objects.filter(
        issue_key=issue_key, interrupted_attempts__gt=0
    ).count()
    return {
        "in_doubt": in_doubt,
        "total": sum(counts.values()),
        "sent": counts.get(Delivery.Status.SENT, 0),
        "failed": counts.get(Delivery.Status.FAILED, 0),
        "cancelled": counts.get(Delivery.Status.CANCELLED, 0),
        "waiting": waiting,
    }
