"""The mail server down during sign-up: the subscriber is kept, the e-mail retried."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


class MailServerDown(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def sign_up(client: Client, email: str):
    return client.post("/newsletter/subscribe/", {"email": email})


def an_hour_passes() -> None:
    Subscriber.objects.update(
        confirmation_attempted_at=timezone.now() - timedelta(hours=1)
    )


def test_sign_up_while_the_mail_server_is_down_keeps_the_subscriber(
    client: Client, homes, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"

    response = sign_up(client, "lea@example.org")

    assert response.status_code == 200
    subscriber = Subscriber.objects.get(email="lea@example.org")
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.confirmation_attempts == 1
    assert subscriber.confirmation_sent_at is None
    assert mail.outbox == []


def test_the_confirmation_is_retried_once_the_server_is_back(
    client: Client, homes, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    sign_up(client, "lea@example.org")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    call_command("resend_confirmations")
    assert mail.outbox == [], "retried before the pause was over"

    an_hour_passes()
    call_command("resend_confirmations")
    assert [message.to for message in mail.outbox] == [["lea@example.org"]]
    assert Subscriber.objects.get().confirmation_sent_at is not None

    an_hour_passes()
    call_command("resend_confirmations")
    assert len(mail.outbox) == 1, "a sent confirmation is never sent again"


def test_retries_stop_after_the_last_attempt(client: Client, homes, settings):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    settings.NEWSLETTER_CONFIRMATION_MAX_ATTEMPTS = 3
    sign_up(client, "lea@example.org")

    for _ in range(5):
        an_hour_passes()
        call_command("resend_confirmations")

    subscriber = Subscriber.objects.get()
    assert subscriber.confirmation_attempts == 3
    assert subscriber.status == Subscriber.Status.PENDING
