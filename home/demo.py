"""Demo content of the home app: site settings, the municipalities, and demo images.

Facts from the seed documents; images are drawn locally with Pillow.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Site

from home.models import Municipality, SiteSettings

MUNICIPALITIES = [
    # (name, slug, website, chairs the partnership)
    ("Albertslund", "albertslund", "https://albertslund.dk", False),
    ("Furesø", "fureso", "https://fureso.dk", False),
    ("Halsnæs", "halsnaes", "https://halsnaes.dk", False),
    ("Helsingør", "helsingor", "https://helsingor.dk", False),
    ("Herlev", "herlev", "https://herlev.dk", False),
    ("Ishøj", "ishoj", "https://ishoj.dk", True),
    ("Køge", "koge", "https://koge.dk", False),
    ("Roskilde", "roskilde", "https://roskilde.dk", False),
    ("Rødovre", "rodovre", "https://rk.dk", False),
]

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


def load(command) -> None:
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "organisation_name": "Kulturmetropolen",
            "address": "Sekretariatet, Ishøj Kommune\nIshøj Store Torv 20\n2635 Ishøj",
            "email": "kulturmetropolen@example.org",
            "phone": "+45 00 00 00 00",
            "facebook_url": "https://www.facebook.com/kulturmetropolen",
            "instagram_url": "https://www.instagram.com/kulturmetropolen",
            "linkedin_url": "https://www.linkedin.com/company/kulturmetropolen",
        },
    )
    danish = Locale.objects.get(language_code="da")
    for name, slug, website, is_chair in MUNICIPALITIES:
        Municipality.objects.update_or_create(
            slug=slug,
            locale=danish,
            defaults={
                "name": name,
                "website": website,
                "is_chair": is_chair,
                "description": (
                    f"{name} Kommune er med i Kulturmetropolen"
                    + (" og er formand for partnerskabet." if is_chair else ".")
                ),
            },
        )
