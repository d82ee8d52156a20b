"""Media on S3-compatible object storage (MEDIA_S3_BUCKET), against moto's S3."""

import os
import subprocess
import sys

import boto3
import pytest
from django.test import Client
from moto import mock_aws
from wagtail.images import get_image_model

from config.settings.base import BASE_DIR, s3_media_storage
from tests.factories import NewsIndexPageFactory, NewsPageFactory
from tests.home.test_uploads import png, upload_image

pytestmark = pytest.mark.django_db

BUCKET = "kulturmetropolen-media"
CDN = "media.kulturmetropolen.example"


@pytest.fixture
def s3(settings, monkeypatch):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "moto-only")
    with mock_aws():
        client = boto3.client("s3", region_name="eu-north-1")
        client.create_bucket(
            Bucket=BUCKET,
            CreateBucketConfiguration={"LocationConstraint": "eu-north-1"},
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": s3_media_storage(
                BUCKET, region_name="eu-north-1", custom_domain=CDN
            ),
        }
        yield client


def stored_keys(s3) -> list[str]:
    return [
        item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    ]


def test_an_uploaded_image_and_its_renditions_go_to_the_bucket(
    s3,
    admin_client: Client,
    homes,
):
    response = upload_image(admin_client, "koncert.png", png((1600, 900)))
    assert response.status_code == 302
    (original,) = stored_keys(s3)
    assert original.startswith("media/original_images/koncert")

    index = NewsIndexPageFactory(parent=homes["da"], slug="nyheder")
    post = NewsPageFactory(
        parent=index, slug="koncert", image=get_image_model().objects.get()
    )
    admin_client.logout()
    html = Client().get(post.url).content.decode()

    renditions = [key for key in stored_keys(s3) if key.startswith("media/images/")]
    assert renditions
    for key in renditions:
        assert f"https://{CDN}/{key}" in html


def test_production_settings_choose_the_bucket_from_the_environment():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-long-random-secret-for-this-test-only-" + "x" * 40,
        ALLOWED_HOSTS="kulturmetropolen.dk",
        MEDIA_S3_BUCKET=BUCKET,
        MEDIA_S3_ENDPOINT_URL="https://s3.example.net",
    )
    code = (
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.querystring_auth)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        BUCKET,
        "https://s3.example.net",
        "False",
    ]
