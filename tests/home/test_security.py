import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_public_pages_send_security_headers(client: Client):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'self'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_public_pages_have_no_inline_script(client: Client, demo_content):
    html = client.get("/").content.decode()

    for chunk in html.split("<script")[1:]:
        assert (
            chunk.split(">", 1)[0].strip().startswith("src=")
            or " src=" in (chunk.split(">", 1)[0])
        ), chunk[:200]


def test_anonymous_visitors_get_no_cookie_on_pages_without_forms(client: Client):
    response = client.get("/en/")

    assert response.cookies == {}


@override_settings(AXES_ENABLED=True)
def test_admin_login_is_throttled_with_a_clear_message(client: Client):
    get_user_model().objects.create_user("redaktoer", password="rigtig-kode-123")

    statuses = [
        client.post(
            "/admin/login/", {"username": "redaktoer", "password": "forkert"}
        ).status_code
        for _ in range(5)
    ]
    locked = client.post(
        "/admin/login/", {"username": "redaktoer", "password": "rigtig-kode-123"}
    )

    assert statuses == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    assert "For mange mislykkede" in locked.content.decode()
