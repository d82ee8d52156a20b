"""Demo images, drawn locally with Pillow from a title (the demo content is data:
``demo/``)."""

import io
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

PALETTE = ["#8a1538", "#1d4e89", "#2f6f4f", "#6b3fa0", "#a8551d", "#27576b"]

# Pillow's built-in font has no æ, ø or å; DejaVu (Debian: fonts-dejavu-core) has
# every letter of Danish and Swedish. Without it the pictures carry no text.
FONT_PATHS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
]


def title_font(size: int) -> ImageFont.FreeTypeFont | None:
    """Returns a bold font that has the Danish and Swedish letters, if installed."""
    for path in FONT_PATHS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return None


def demo_image(title: str, *, width: int = 1200, height: int = 675):
    """Returns the demo image with this title, drawing it once with Pillow."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    colour = PALETTE[sum(map(ord, title)) % len(PALETTE)]
    stripes = PILImage.new("RGBA", (width, height), (0, 0, 0, 0))
    for step in range(-height, width, 60):
        ImageDraw.Draw(stripes).line(
            [(step, 0), (step + height, height)], fill=(255, 255, 255, 40), width=14
        )
    picture = PILImage.alpha_composite(
        PILImage.new("RGBA", (width, height), colour), stripes
    ).convert("RGB")
    draw = ImageDraw.Draw(picture)
    font = title_font(56) if width >= 400 and height >= 200 else None
    if font is not None:
        caption = title
        # Long titles shrink until they fit the band, then lose words.
        while font.getlength(caption) > width - 140 and font.size > 24:
            font = title_font(font.size - 4)
        while font.getlength(caption) > width - 140 and " " in caption:
            caption = caption.rsplit(" ", 1)[0].rstrip(" ,–-") + "…"
        draw.rectangle([40, height - 150, width - 40, height - 40], fill="#1a1a1a")
        draw.text((70, height - 95), caption, fill="#ffffff", font=font, anchor="lm")
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    slug = "".join(c if c.isalnum() else "-" for c in title.lower())[:60]
    return Image.objects.create(
        title=title,
        file=ImageFile(buffer, name=f"demo-{slug}.jpg"),
        collection=Collection.get_first_root_node(),
    )
