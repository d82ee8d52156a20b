"""Sending an issue: matching, languages, idempotency, resuming, retries, rights."""

import smtplib
from collections import Counter

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from newsletter import sending
from newsletter.models import Delivery, Subscriber

pytestmark = pytest.mark.django_db

LANGUAGES = ["da", "en", "sv"]


@pytest.fixture(autouse=True)
def fast_retries(settings):
    settings.NEWSLETTER_RETRY_BACKOFF = 0
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    settings.NEWSLETTER_STALE_CLAIM_SECONDS = 0


def make_subscribers(count: int, tree, status: str = "confirmed") -> dict[str, set]:
    """Creates ``count`` subscribers with mixed languages and interests.

    Returns the addresses that should receive the issue (by language).
    """
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(
            email=f"person{n}-{status}@example.org",
            language=LANGUAGES[n % 3],
            status=status,
        )
        for n in range(count)
    )
    expected: dict[str, set] = {code: set() for code in LANGUAGES}
    focus_links, municipality_links = [], []
    FocusLink = Subscriber.focus_areas.through
    MunicipalityLink = Subscriber.municipalities.through
    for n, subscriber in enumerate(subscribers):
        kind = (n // 3) % 4
        if kind == 0:  # no interests: everything
            matches = True
        elif kind == 1:  # music, in their language where it exists
            music = tree.music_en if subscriber.language == "en" else tree.music
            focus_links.append(FocusLink(subscriber=subscriber, focusareapage=music))
            matches = True
        elif kind == 2:  # Køge, chosen on the Swedish site by Swedes
            koge = tree.koge_sv if subscriber.language == "sv" else tree.koge
            municipality_links.append(
                MunicipalityLink(subscriber=subscriber, municipality=koge)
            )
            matches = True
        else:  # heritage and Herlev: not in this issue
            focus_links.append(
                FocusLink(subscriber=subscriber, focusareapage=tree.heritage)
            )
            municipality_links.append(
                MunicipalityLink(subscriber=subscriber, municipality=tree.herlev)
            )
            matches = False
        if matches and status == "confirmed":
            expected[subscriber.language].add(subscriber.email)
    FocusLink.objects.bulk_create(focus_links)
    MunicipalityLink.objects.bulk_create(municipality_links)
    return expected


def send(client, issue):
    return client.post(f"/admin/newsletter/issues/{issue.pk}/send/")


def recipients() -> Counter:
    return Counter(address for message in mail.outbox for address in message.to)


def test_each_matching_subscriber_gets_one_email_in_their_language(
    client, newsletter_tree, secretariat
):
    expected = make_subscribers(1000, newsletter_tree)
    make_subscribers(30, newsletter_tree, status="pending")
    make_subscribers(30, newsletter_tree, status="unsubscribed")
    client.force_login(secretariat)

    response = send(client, newsletter_tree.issue)

    assert response.status_code == 302
    all_expected = set().union(*expected.values())
    assert len(all_expected) == 751  # 83 cycles of 9 in 12, plus 4 of the last 4
    counts = recipients()
    assert set(counts) == all_expected
    assert set(counts.values()) == {1}
    titles = {code: page.title for code, page in newsletter_tree.translations.items()}
    for message in mail.outbox:
        language = next(c for c, emails in expected.items() if message.to[0] in emails)
        assert message.subject == titles[language]
        assert message.extra_headers["List-Unsubscribe-Post"] == (
            "List-Unsubscribe=One-Click"
        )
        link = message.extra_headers["List-Unsubscribe"]
        assert link.startswith("<http") and link.endswith(">")
        assert link[1:-1] in message.body
        assert message.alternatives[0][1] == "text/html"
        assert 'style="' in message.alternatives[0][0]
        if language != "da":
            assert f"/{language}/newsletter/unsubscribe/" in link
    progress = client.get(f"/admin/newsletter/issues/{newsletter_tree.issue.pk}/send/")
    assert "Sent: 751" in progress.content.decode()

    mail.outbox.clear()
    send(client, newsletter_tree.translations["en"])
    assert mail.outbox == []


def test_sending_again_reaches_only_new_subscribers(
    client, newsletter_tree, secretariat
):
    make_subscribers(6, newsletter_tree)
    client.force_login(secretariat)
    send(client, newsletter_tree.issue)
    first = len(mail.outbox)
    Subscriber.objects.create(email="late@example.org", status="confirmed")

    send(client, newsletter_tree.issue)

    assert len(mail.outbox) == first + 1
    assert mail.outbox[-1].to == ["late@example.org"]


class WorkerKilled(BaseException):
    """Stands in for the worker process dying."""


def test_interrupted_between_emails_resumes_and_sends_the_rest_once(
    client, newsletter_tree, secretariat, monkeypatch
):
    expected = make_subscribers(60, newsletter_tree)
    all_expected = set().union(*expected.values())
    client.force_login(secretariat)
    real_send_one = sending.send_one
    calls = {"n": 0}

    def dies_after_twenty(*args, **kwargs):
        if calls["n"] == 20:
            raise WorkerKilled
        calls["n"] += 1
        return real_send_one(*args, **kwargs)

    monkeypatch.setattr(sending, "send_one", dies_after_twenty)
    send(client, newsletter_tree.issue)
    assert len(mail.outbox) == 20
    # The dead worker's transaction was rolled back: no claim is left behind.
    assert Delivery.objects.filter(status="sent").count() == 20
    assert not Delivery.objects.exclude(status__in=["sent", "pending"]).exists()

    monkeypatch.setattr(sending, "send_one", real_send_one)
    send(client, newsletter_tree.issue)

    counts = recipients()
    assert set(counts) == all_expected
    assert set(counts.values()) == {1}
    assert Delivery.objects.filter(status="sent").count() == len(all_expected)


class DiesDuringHandover(EmailBackend):
    """A mail backend whose worker dies while handing over the eleventh message."""

    def send_messages(self, messages):
        if len(mail.outbox) == 10:
            raise WorkerKilled
        return super().send_messages(messages)


def test_interrupted_during_handover_is_sent_once_by_the_next_run(
    client, newsletter_tree, secretariat, settings
):
    expected = make_subscribers(30, newsletter_tree)
    all_expected = set().union(*expected.values())
    client.force_login(secretariat)
    settings.EMAIL_BACKEND = f"{__name__}.DiesDuringHandover"
    send(client, newsletter_tree.issue)
    assert len(mail.outbox) == 10
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    send(client, newsletter_tree.issue)

    counts = recipients()
    assert set(counts) == all_expected
    assert set(counts.values()) == {1}
    assert Delivery.objects.filter(status="sent").count() == len(all_expected)


def test_a_delivery_left_in_doubt_is_sent_again_and_counted(
    client, newsletter_tree, secretariat
):
    """A worker that died after recording "sending" (committed before the mail
    server sees the message) leaves the delivery in doubt: the next run sends it
    with the same Message-ID and counts the interrupted attempt."""
    subscriber = Subscriber.objects.create(
        email="doubt@example.org", status="confirmed"
    )
    sending.create_deliveries(newsletter_tree.issue)
    Delivery.objects.update(
        status="sending", attempts=1, claimed_at="2020-01-01T00:00:00Z"
    )

    sending.send_pending(newsletter_tree.issue.translation_key)

    assert recipients() == Counter({subscriber.email: 1})
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.interrupted_attempts) == (
        "sent",
        2,
        1,
    )
    client.force_login(secretariat)
    page = client.get(f"/admin/newsletter/issues/{newsletter_tree.issue.pk}/send/")
    assert "then sent again: 1." in page.content.decode()


def test_the_scheduler_resumes_a_send_whose_workers_died(newsletter_tree):
    """Deliveries due and no send queued (its task died with its worker): the
    scheduler's job enqueues the send, which finishes the issue."""
    make_subscribers(12, newsletter_tree)
    sending.create_deliveries(newsletter_tree.issue)
    due = Delivery.objects.filter(status="pending").count()
    assert due and mail.outbox == []

    call_command("run_scheduler", "--once")

    assert len(mail.outbox) == due
    assert set(recipients().values()) == {1}
    assert not Delivery.objects.filter(status="pending").exists()


def test_a_claim_left_by_an_earlier_version_is_recovered(newsletter_tree):
    subscriber = Subscriber.objects.create(email="old@example.org", status="confirmed")
    sending.create_deliveries(newsletter_tree.issue)
    Delivery.objects.update(status="claimed", claim_token="x", claimed_at=None)
    Delivery.objects.update(claimed_at="2020-01-01T00:00:00Z")

    sending.send_pending(newsletter_tree.issue.translation_key)

    assert recipients() == Counter({subscriber.email: 1})


class FlakySMTP(EmailBackend):
    """Refuses mail to "flaky@" twice and to "broken@" always."""

    failures: Counter = Counter()

    def send_messages(self, messages):
        to = messages[0].to[0]
        if to.startswith("broken@") or (
            to.startswith("flaky@") and self.failures[to] < 2
        ):
            self.failures[to] += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_smtp_errors_are_retried_then_recorded(
    client, newsletter_tree, secretariat, settings
):
    FlakySMTP.failures.clear()
    settings.EMAIL_BACKEND = f"{__name__}.FlakySMTP"
    for email in ("flaky@example.org", "broken@example.org", "fine@example.org"):
        Subscriber.objects.create(email=email, status="confirmed")
    client.force_login(secretariat)

    send(client, newsletter_tree.issue)

    assert sorted(recipients()) == ["fine@example.org", "flaky@example.org"]
    flaky = Delivery.objects.get(subscriber__email="flaky@example.org")
    assert (flaky.status, flaky.attempts) == ("sent", 3)
    broken = Delivery.objects.get(subscriber__email="broken@example.org")
    assert (broken.status, broken.attempts) == ("failed", 3)
    assert "Connection unexpectedly closed" in broken.last_error
    page = client.get(f"/admin/newsletter/issues/{newsletter_tree.issue.pk}/send/")
    assert "Failed: 1" in page.content.decode()


def test_retry_waits_for_the_backoff(client, newsletter_tree, secretariat, settings):
    FlakySMTP.failures.clear()
    settings.EMAIL_BACKEND = f"{__name__}.FlakySMTP"
    settings.NEWSLETTER_RETRY_BACKOFF = 60
    Subscriber.objects.create(email="flaky@example.org", status="confirmed")
    client.force_login(secretariat)

    send(client, newsletter_tree.issue)

    delivery = Delivery.objects.get()
    assert delivery.status == "pending"
    assert delivery.attempts == 1
    assert delivery.next_attempt_at > delivery.claimed_at
    assert mail.outbox == []


def test_unsubscribed_after_scheduling_is_not_sent(newsletter_tree):
    subscriber = Subscriber.objects.create(email="gone@example.org", status="confirmed")
    sending.create_deliveries(newsletter_tree.issue)
    subscriber.unsubscribe()

    sending.send_pending(newsletter_tree.issue.translation_key)

    assert mail.outbox == []
    assert Delivery.objects.get().status == "cancelled"


def test_municipal_editor_cannot_send(client, newsletter_tree, municipal_editor):
    Subscriber.objects.create(email="reader@example.org", status="confirmed")
    client.force_login(municipal_editor)
    issue = newsletter_tree.issue

    edit = client.get(f"/admin/pages/{issue.pk}/edit/")
    crafted = send(client, issue)
    view = client.get(f"/admin/newsletter/issues/{issue.pk}/send/")

    assert edit.status_code == 200
    assert f"/admin/newsletter/issues/{issue.pk}/send/" not in edit.content.decode()
    # Wagtail answers a permission denial in the admin with a redirect home.
    assert (crafted.status_code, crafted["Location"]) == (302, "/admin/")
    assert (view.status_code, view["Location"]) == (302, "/admin/")
    assert not Delivery.objects.exists()
    assert mail.outbox == []


def test_secretariat_sees_the_send_action(client, newsletter_tree, secretariat):
    from wagtail.models import GroupPagePermission

    group = secretariat.groups.get()
    GroupPagePermission.objects.create(
        group=group, page=newsletter_tree.archive, permission_type="change"
    )
    client.force_login(secretariat)
    issue = newsletter_tree.issue

    edit = client.get(f"/admin/pages/{issue.pk}/edit/")
    listing = client.get("/admin/newsletter/issues/")

    assert f"/admin/newsletter/issues/{issue.pk}/send/" in edit.content.decode()
    assert issue.title in listing.content.decode()


def test_issue_web_archive(client, newsletter_tree):
    archive = client.get("/nyhedsbrev/")
    issue = client.get("/nyhedsbrev/nr-1/")
    english = client.get("/en/nyhedsbrev/nr-1/")

    assert archive.status_code == 200
    assert "Nyhedsbrev nr. 1" in archive.content.decode()
    assert 'name="email"' in archive.content.decode()
    assert issue.status_code == 200
    assert "Koncert i Køge" in issue.content.decode()
    assert english.status_code == 200
    assert "Newsletter no. 1" in english.content.decode()
