"""An image uploaded through node A lands in the object store and is served from
node B (which has no copy of its own: it renders the image from the bucket)."""

import io
import re
import uuid

import boto3
from PIL import Image

from deploy.cluster import BUCKET
from tests.cluster.browser import Browser, form_fields
from tests.cluster.conftest import SECRETARIAT, shell


def png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_image_uploaded_on_a_is_stored_in_s3_and_served_from_b(cluster, editor_on_a):
    title = f"Klyngebillede {uuid.uuid4().hex[:8]}"
    filename = f"klynge-{uuid.uuid4().hex[:8]}.png"
    form = form_fields(
        editor_on_a.get("/admin/images/add/").text,
        lambda attrs: "images/add" in attrs.get("action", ""),
    )
    form = [(k, v) for k, v in form if k != "title"] + [("title", title)]
    response = editor_on_a.post_multipart(
        "/admin/images/add/", form, {"file": (filename, png("teal"), "image/png")}
    )
    assert response.status == 302, response.text[:3000]

    image = shell(
        cluster,
        "import json\nfrom wagtail.images.models import Image\n"
        f"image = Image.objects.get(title={title!r})\n"
        "print(json.dumps({'id': image.pk, 'name': image.file.name}))\n",
    )
    s3 = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{cluster.moto_port}",
        region_name="us-east-1",
        aws_access_key_id="cluster",
        aws_secret_access_key="cluster",  # noqa: S106
    )
    stored = s3.get_object(Bucket=BUCKET, Key=f"media/{image['name']}")["Body"].read()
    assert stored.startswith(b"\x89PNG")

    # Node B renders a rendition from the original in the bucket.
    on_b = Browser(cluster.node_url("b"))
    on_b.log_in(*SECRETARIAT)
    edit = on_b.get(f"/admin/images/{image['id']}/")
    assert edit.status == 200
    sources = re.findall(r'src="([^"]*/media/images/[^"]+)"', edit.text)
    assert sources, "node B shows no rendition"
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert any(key.startswith("media/images/") and filename[:-4] in key for key in keys)
    public = Browser(cluster.public_url)
    for source in sources:
        path = re.sub(r"^https?://[^/]+", "", source)
        served = public.get(path)
        assert served.status == 200, path
        assert served.headers["Content-Type"].startswith("image/")
