import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "lang"), [("/", "da"), ("/en/", "en"), ("/sv/", "sv")])
def test_each_language_has_a_home_page(client: Client, url, lang):
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert 'role="search"' in html
    assert 'href="#main"' in html


@pytest.mark.django_db
def test_language_switcher_links_to_each_translation(client: Client):
    html = client.get("/en/").content.decode()

    assert '<a href="/" lang="da" hreflang="da">dansk</a>' in html
    assert 'href="/en/" lang="en" hreflang="en" aria-current="true"' in html
    assert '<a href="/sv/" lang="sv" hreflang="sv">svenska</a>' in html
    assert '<link rel="alternate" hreflang="sv" href="http://testserver/sv/">' in html


@pytest.mark.django_db
def test_language_switcher_leaves_out_missing_translations(client: Client, homes):
    homes["sv"].unpublish()

    html = client.get("/").content.decode()

    assert 'hreflang="en"' in html
    assert 'hreflang="sv"' not in html


@pytest.mark.django_db
def test_footer_shows_site_settings(client: Client, demo_content):
    html = client.get("/").content.decode()

    assert "kulturmetropolen@example.org" in html
    assert "https://www.linkedin.com/company/kulturmetropolen" in html


@pytest.mark.django_db
def test_healthz_ok(client: Client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_reports_unavailable_database(client: Client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "text"),
    [("/findes-ikke/", "Siden blev ikke fundet"), ("/en/missing/", "Page not found")],
)
def test_404_page_is_translated(client: Client, url, text):
    response = client.get(url)

    assert response.status_code == 404
    assert text in response.content.decode()


def test_500_page_is_translated(rf):
    from django.utils import translation

    from home.views import server_error

    with translation.override("da"):
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Noget gik galt" in response.content.decode()


@pytest.mark.django_db
def test_robots_txt_points_to_sitemap(client: Client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def _run_production_check(extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run_production_check({"ALLOWED_HOSTS": "kulturmetropolen.dk"})

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_deploy_check_is_clean():
    result = _run_production_check(
        {
            "SECRET_KEY": "a-long-random-secret-for-this-test-only-" + "x" * 40,
            "ALLOWED_HOSTS": "kulturmetropolen.dk",
            "CSRF_TRUSTED_ORIGINS": "https://kulturmetropolen.dk",
        }
    )

    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr + result.stdout
