"""Newsletter pages in the browser: axe checks of token pages, keyboard sign-up."""

import pytest

from .conftest import assert_accessible

LANGUAGE_PREFIXES = {"da": "", "en": "/en", "sv": "/sv"}


def _pending_subscriber(email: str):
    from newsletter.models import Subscriber

    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    subscriber.start_subscription(language="da", source_page="/")
    return subscriber


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
def test_confirm_page_has_no_axe_violations(live_site, page, axe, language):
    from newsletter.tokens import make_confirmation_token

    subscriber = _pending_subscriber(f"axe-{language}@example.org")
    token = make_confirmation_token(subscriber)
    prefix = LANGUAGE_PREFIXES[language]

    page.goto(f"{live_site}{prefix}/newsletter/confirm/{token}/")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(axe, page)

    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator("main [role=status]").count() == 1
    assert_accessible(axe, page)


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
def test_unsubscribed_page_has_no_axe_violations(live_site, page, axe, language):
    subscriber = _pending_subscriber(f"unsub-{language}@example.org")
    prefix = LANGUAGE_PREFIXES[language]

    page.goto(
        f"{live_site}{prefix}/newsletter/unsubscribe/{subscriber.unsubscribe_token}/"
    )
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()

    assert page.locator("html").get_attribute("lang") == language
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert_accessible(axe, page)


def test_sign_up_by_keyboard_alone(live_site, page, axe):
    from newsletter.models import Subscriber

    page.goto(f"{live_site}/en/newsletter/subscribe/")
    email_field = page.locator("main input[type=email]")
    for _ in range(80):
        page.keyboard.press("Tab")
        if email_field.evaluate("field => field === document.activeElement"):
            break
    else:
        pytest.fail("The e-mail field never got keyboard focus")
    page.keyboard.type("keyboard@example.org")
    submit = page.locator("main button[type=submit]")
    for _ in range(10):
        page.keyboard.press("Tab")
        if submit.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("The subscribe button never got keyboard focus")
    # Wait for the answer to the POST: wait_for_load_state() alone can return
    # before the navigation starts, while the form page is still shown.
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("h1").inner_text() == "Check your e-mail"
    assert Subscriber.objects.filter(email="keyboard@example.org").exists()
    assert_accessible(axe, page)


@pytest.mark.parametrize(
    "path", ["/nyhedsbrev/", "/nyhedsbrev/nyhedsbrev-efteraar-2021/"]
)
def test_danish_archive_and_issue_have_no_axe_violations(live_site, page, axe, path):
    response = page.goto(f"{live_site}{path}")

    assert response.status == 200
    assert_accessible(axe, page)
