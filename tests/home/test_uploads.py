"""Uploads are limited in size and type, with a clear message and nothing stored."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client) -> Client:
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)
    return client


def png(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#8a1538").save(buffer, format="PNG")
    return buffer.getvalue()


def upload_image(client: Client, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Upload",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_a_small_png_is_accepted(admin_client: Client):
    response = upload_image(admin_client, "ok.png", png())

    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


def test_an_image_over_the_size_limit_is_refused(admin_client: Client, settings):
    big = png() + bytes(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)

    response = upload_image(admin_client, "big.png", big)

    assert response.status_code == 200
    assert "10,0\xa0MB" in response.content.decode()  # the limit, in the message
    assert get_image_model().objects.count() == 0


@pytest.mark.parametrize("name", ["script.svg", "programme.exe", "photo.tiff"])
def test_image_types_outside_the_list_are_refused(admin_client: Client, name):
    response = upload_image(admin_client, name, png())

    assert response.status_code == 200
    assert "w-field__errors" in response.content.decode()
    assert get_image_model().objects.count() == 0


def test_a_document_of_another_type_is_refused(admin_client: Client):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Program",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("program.exe", b"MZ\x90\x00"),
        },
    )

    assert response.status_code == 200
    assert "w-field__errors" in response.content.decode()
    assert get_document_model().objects.count() == 0
