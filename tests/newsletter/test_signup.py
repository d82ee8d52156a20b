"""Sign-up, double opt-in confirmation and unsubscription through HTTP and e-mail."""

import re

import pytest
from django.core import mail, signing
from django.test import Client

from newsletter.models import Subscriber
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def link_from(message, path_part: str) -> str:
    """The path of the first link in a mail's text that contains ``path_part``."""
    match = re.search(rf"https?://[^/\s]+(\S*{path_part}\S*)", message.body)
    assert match, message.body
    return match.group(1)


def sign_up(client: Client, email: str, prefix: str = "", **extra):
    return client.post(f"{prefix}/newsletter/subscribe/", {"email": email, **extra})


def test_sign_up_confirm_by_post(client, homes):
    response = sign_up(client, "Anna@Example.org ", prefix="/en")

    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "anna@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.language == "en"
    assert subscriber.consent_text_version
    assert subscriber.source_page == "/en/newsletter/subscribe/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "confirm" in message.subject.lower()
    assert message.alternatives[0][1] == "text/html"
    confirm_path = link_from(message, "/newsletter/confirm/")
    assert confirm_path.startswith("/en/")

    page = client.get(confirm_path)  # what a mail scanner does
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING

    confirmed = client.post(confirm_path)
    assert confirmed.status_code == 200
    assert "You are subscribed" in confirmed.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_confirmation_mail_is_in_the_page_language(client, homes):
    sign_up(client, "sven@example.org", prefix="/sv")

    message = mail.outbox[0]
    assert Subscriber.objects.get().language == "sv"
    assert link_from(message, "/newsletter/confirm/").startswith("/sv/")
    danish = Client()
    sign_up(danish, "dorte@example.org")
    assert link_from(mail.outbox[1], "/newsletter/confirm/").startswith("/newsletter/")


def test_same_answer_for_new_pending_and_confirmed_address(client, homes):
    Subscriber.objects.create(email="known@example.org", status="confirmed")

    new = sign_up(client, "new@example.org")
    pending = sign_up(client, "new@example.org")
    known = sign_up(client, "KNOWN@example.org")

    assert new.status_code == pending.status_code == known.status_code == 200
    body = new.content.decode()
    assert pending.content.decode() == body
    assert known.content.decode() == body
    assert Subscriber.objects.count() == 2
    assert Subscriber.objects.get(email="known@example.org").status == "confirmed"
    assert [m.to for m in mail.outbox] == [["new@example.org"], ["new@example.org"]]


def test_interests_are_stored(client, homes, locales):
    municipality = MunicipalityFactory(name="Køge", slug="koge")

    sign_up(client, "a@example.org", municipalities=[municipality.pk])

    assert list(Subscriber.objects.get().municipalities.all()) == [municipality]


@pytest.mark.parametrize("field", ["focus_areas", "municipalities"])
@pytest.mark.parametrize("value", ["99999999999999999999", "-1e3", "x"])
def test_impossible_interest_ids_are_refused_not_a_server_error(
    client, homes, field, value
):
    response = sign_up(client, "a@example.org", prefix="/en", **{field: [value]})

    assert response.status_code == 400
    assert "One of the chosen interests is no longer offered" in (
        response.content.decode()
    )
    assert not Subscriber.objects.exists()


def test_invalid_email_gets_a_translated_error(client, homes):
    response = sign_up(client, "not-an-address")
    danish = response.content.decode()

    assert response.status_code == 400
    assert 'aria-invalid="true"' in danish
    assert not Subscriber.objects.exists()
    english = sign_up(client, "not-an-address", prefix="/en").content.decode()
    assert "Please enter a valid e-mail address" in english


def test_tampered_token_is_refused(client, homes):
    sign_up(client, "t@example.org", prefix="/en")
    path = link_from(mail.outbox[0], "/newsletter/confirm/")
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = path.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))

    response = client.post(tampered)

    assert response.status_code == 404
    assert "Ask for a new link" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_expired_token_is_refused(client, homes, settings):
    sign_up(client, "late@example.org", prefix="/en")
    path = link_from(mail.outbox[0], "/newsletter/confirm/")
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1

    response = client.post(path)

    assert response.status_code == 410
    assert "expired" in response.content.decode().lower()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_token_for_other_salt_is_refused(client, homes):
    subscriber = Subscriber.objects.create(email="x@example.org")
    forged = signing.dumps({"id": subscriber.pk, "at": 0}, salt="other")

    assert client.post(f"/newsletter/confirm/{forged}/").status_code == 404


def test_honeypot_creates_nothing(client, homes):
    response = sign_up(client, "bot@example.org", website="http://spam.example")

    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_address(client, homes, settings):
    settings.NEWSLETTER_RATE_LIMITS = {"ip": (100, 3600), "email": (2, 3600)}
    sign_up(client, "r@example.org")
    sign_up(client, "r@example.org")

    response = sign_up(client, "R@example.org", prefix="/en")

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert len(mail.outbox) == 2


def test_rate_limit_per_ip_creates_no_subscriber(client, homes, settings):
    settings.NEWSLETTER_RATE_LIMITS = {"ip": (2, 3600), "email": (10, 3600)}
    sign_up(client, "one@example.org")
    sign_up(client, "two@example.org")

    response = sign_up(client, "three@example.org", prefix="/en")

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not Subscriber.objects.filter(email="three@example.org").exists()


def confirmed_subscriber(client: Client, email: str) -> Subscriber:
    sign_up(client, email)
    client.post(link_from(mail.outbox[-1], "/newsletter/confirm/"))
    subscriber = Subscriber.objects.get(email=email)
    assert subscriber.status == Subscriber.Status.CONFIRMED
    return subscriber


def test_one_click_unsubscribe_without_cookies(client, homes, locales):
    subscriber = confirmed_subscriber(client, "u@example.org")
    subscriber.municipalities.add(MunicipalityFactory())
    cookieless = Client(enforce_csrf_checks=True)

    response = cookieless.post(
        f"/en/newsletter/unsubscribe/{subscriber.unsubscribe_token}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.withdrawn_at is not None
    assert not subscriber.municipalities.exists()
    assert subscriber.source_page == ""


def test_unsubscribe_link_shows_a_button_then_unsubscribes(client, homes):
    subscriber = confirmed_subscriber(client, "link@example.org")
    path = f"/en/newsletter/unsubscribe/{subscriber.unsubscribe_token}/"

    page = client.get(path)
    subscriber.refresh_from_db()
    assert page.status_code == 200
    assert subscriber.status == Subscriber.Status.CONFIRMED

    response = client.post(path)
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_unknown_unsubscribe_token_reveals_nothing(client, homes):
    response = client.post("/newsletter/unsubscribe/unknown-token/")

    assert response.status_code == 200


def test_resubscribe_after_unsubscribing(client, homes):
    subscriber = confirmed_subscriber(client, "back@example.org")
    old_confirm = link_from(mail.outbox[-1], "/newsletter/confirm/")
    client.post(f"/newsletter/unsubscribe/{subscriber.unsubscribe_token}/")
    assert client.post(old_confirm).status_code == 404

    sign_up(client, "back@example.org", prefix="/sv")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.language == "sv"
    client.post(link_from(mail.outbox[-1], "/newsletter/confirm/"))

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.withdrawn_at is None


def test_sign_up_page_renders_in_each_language(client, homes):
    for prefix, lang in (("", "da"), ("/en", "en"), ("/sv", "sv")):
        response = client.get(f"{prefix}/newsletter/subscribe/")
        assert response.status_code == 200
        assert f'lang="{lang}"' in response.content.decode()
        assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize("token", ["%00", "abc%00def", "x" * 300, "%C3%A6%C3%B8"])
def test_malformed_unsubscribe_token_gets_the_same_page(client, homes, token):
    subscriber = Subscriber.objects.create(email="keep@example.org", status="confirmed")

    response = client.post(f"/newsletter/unsubscribe/{token}/")

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
