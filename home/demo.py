"""Demo images, drawn locally with Pillow from a title (the demo content is data:
``demo/``)."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

PALETTE = ["#8a1538", "#1d4e89", "#2f6f4f", "#6b3fa0", "#a8551d", "#27576b"]


def demo_image(title: str, *, width: int = 1200, height: int = 675):
    """Returns the demo image with this title, drawing it once with Pillow."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    colour = PALETTE[sum(map(ord, title)) % len(PALETTE)]
    picture = PILImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(picture)
    for step in range(0, width, 60):
        draw.line([(step, 0), (step + height, height)], fill="#ffffff22", width=14)
    draw.rectangle([40, height - 140, width - 40, height - 40], fill="#00000088")
    draw.text((70, height - 110), title, fill="#ffffff", font_size=48)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    slug = "".join(c if c.isalnum() else "-" for c in title.lower())[:60]
    return Image.objects.create(
        title=title,
        file=ImageFile(buffer, name=f"demo-{slug}.jpg"),
        collection=Collection.get_first_root_node(),
    )
