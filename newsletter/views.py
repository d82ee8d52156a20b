"""Public newsletter views: sign-up, confirmation and unsubscription.

CSRF: none of these views use Django's CSRF token, on purpose.
- The sign-up form is embedded in pages that are served from a shared page cache
  (and a CDN), so a per-visitor token rendered into them would be wrong for every
  other visitor. A forged sign-up can do no more than anyone can do by typing an
  address into the form: it only sends a confirmation e-mail, and nothing happens
  until the mailbox owner confirms (double opt-in). The honeypot and the per-IP and
  per-address rate limits keep abuse of that e-mail in check.
- Confirm and unsubscribe are authorised by the secret token in the address, not by
  a session, and RFC 8058 one-click unsubscription must work without cookies.
Every response that depends on a token or a POST is marked never-cache.
"""

import re

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .forms import SignUpForm
from .models import Subscriber, normalise_email
from .ratelimit import client_ip, is_over_limit
from .tasks import send_confirmation
from .tokens import read_confirmation_token

#: The alphabet and length of secrets.token_urlsafe(32), with room to spare.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _check_email(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/check_email.html")


def _rate_limited(request: HttpRequest) -> HttpResponse:
    response = render(request, "newsletter/rate_limited.html", status=429)
    response["Retry-After"] = "3600"
    return response


def register_sign_up(
    form: SignUpForm, language: str, fallback_source: str
) -> Subscriber | None:
    """Stores a valid sign-up; returns the subscriber to send a confirmation to.

    New, pending and unsubscribed addresses become pending with the chosen
    language and interests and need a (new) confirmation e-mail. A confirmed
    address is left as it is (None): a stranger must not change someone's choices.
    """
    email = normalise_email(form.cleaned_data["email"])
    source = form.cleaned_data.get("source") or fallback_source
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
            return None
        if subscriber is None:
            subscriber = Subscriber(email=email)
        try:
            with transaction.atomic():
                subscriber.start_subscription(language=language, source_page=source)
        except IntegrityError:
            return None  # a parallel request created it a moment ago
        subscriber.focus_areas.set(form.cleaned_data["focus_areas"])
        subscriber.municipalities.set(form.cleaned_data["municipalities"])
    return subscriber


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """The sign-up page; a POST answers "check your e-mail" for any valid address."""
    if request.method == "GET":
        form = SignUpForm(initial={"source": request.path}, auto_id="newsletter-%s")
        return render(request, "newsletter/subscribe.html", {"form": form})

    form = SignUpForm(request.POST, auto_id="newsletter-%s")
    if form.is_bot:
        return _check_email(request)
    if is_over_limit("ip", client_ip(request)):
        return _rate_limited(request)
    if not form.is_valid():
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    if is_over_limit("email", normalise_email(form.cleaned_data["email"])):
        return _rate_limited(request)
    subscriber = register_sign_up(form, get_language(), fallback_source=request.path)
    if subscriber is not None:
        send_confirmation.enqueue(subscriber.pk)
    return _check_email(request)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links); POST confirms."""
    check = read_confirmation_token(token)
    if check.subscriber is None:
        return render(
            request,
            "newsletter/invalid_link.html",
            {"expired": check.expired, "form": SignUpForm(auto_id="newsletter-%s")},
            status=410 if check.expired else 404,
        )
    subscriber = check.subscriber
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return render(request, "newsletter/confirmed.html")
    if request.method == "POST":
        subscriber.confirm()
        return render(request, "newsletter/confirmed.html")
    return render(request, "newsletter/confirm.html")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; POST (also RFC 8058 one-click) unsubscribes (200).

    The token is opaque and random; an unknown token gets the same page as a
    known one, so the page reveals nothing about who is on the list.
    """
    if request.method == "POST":
        # Only what new_unsubscribe_token() makes reaches the database (PostgreSQL
        # refuses NUL characters in text with an error).
        well_formed = TOKEN_PATTERN.fullmatch(token) is not None
        subscriber = (
            Subscriber.objects.filter(unsubscribe_token=token).first()
            if well_formed
            else None
        )
        if subscriber is not None:
            subscriber.unsubscribe()
        return render(request, "newsletter/unsubscribed.html")
    return render(request, "newsletter/unsubscribe.html")
