"""Demo content of the home app: site settings, the municipalities, and demo images.

Facts from the seed documents; images are drawn locally with Pillow.
"""

import io
from typing import Any

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText

from home.models import HomePage, SiteSettings, StandardPage
from municipalities.models import Municipality

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


def danish_home() -> HomePage:
    """Returns the home page of the Danish tree."""
    return HomePage.objects.get(locale__language_code="da")


def ensure_page(parent: Page, model: type[Page], slug: str, **fields: Any) -> Page:
    """Returns the child of ``parent`` with this slug, creating and publishing it once.

    An existing page is returned as it is, so editors' changes to demo pages survive
    a second run and the second run adds nothing.
    """
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def paragraphs(*texts: str) -> list[tuple[str, RichText]]:
    """Returns StreamField content: one paragraph block per text."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


HERO_HEADING = "Kultur på tværs af ni kommuner"
HERO_INTRO = (
    "Kulturmetropolen er et kultursamarbejde mellem ni kommuner og kulturministeren. "
    "Sammen skaber vi kulturtilbud, som ingen kommune kunne løfte alene."
)

STANDARD_PAGES: list[dict[str, Any]] = [
    {
        "slug": "om-kulturmetropolen",
        "title": "Om Kulturmetropolen",
        "show_in_menus": True,
        "intro": (
            "Ni kommuner i hovedstadsområdet og på Sjælland arbejder sammen om "
            "flere og bedre kulturtilbud til borgerne."
        ),
        "body": [
            (
                "Kulturmetropolen er en af landets største kulturaftaler. Aftalen "
                "samler kommunernes kulturinstitutioner, viden og erfaringer om "
                "fælles indsatser, der rækker ud over kommunegrænserne."
            ),
            (
                "Ishøj Kommune er formandskommune og huser sekretariatet. De "
                "øvrige kommuner er Albertslund, Furesø, Halsnæs, Helsingør, "
                "Herlev, Køge, Roskilde og Rødovre."
            ),
            (
                "Aftalen løber i perioder på fire år. I 2021-2024 arbejdede vi med "
                "musik, ungekultur og kultur og sundhed; fra 2025 er temaerne "
                "skaberkraft og talentudvikling, fællesskaber og kultur samt "
                "nichekultur."
            ),
        ],
    },
    {
        "slug": "vision",
        "title": "Vision",
        "show_in_menus": True,
        "intro": "Livskvalitet og udvikling er nøgleordene i vores vision.",
        "body": [
            (
                "Vi tror på, at kunst og kultur giver mening til livet, uanset "
                "baggrund, alder eller social status. Derfor udvikler vi tilbud, "
                "der styrker de fællesskaber, som allerede findes, og som når ud "
                "til nye målgrupper."
            ),
            (
                "Samarbejdet mellem de ni kommuner skal fornyes og udvikles, så vi "
                "sammen kan løfte mere, end hver kommune kan alene."
            ),
        ],
    },
    {
        "slug": "tilgaengelighedserklaering",
        "title": "Tilgængelighedserklæring",
        "show_in_menus": False,
        "intro": (
            "Vi vil gerne have, at alle kan bruge hjemmesiden, også med "
            "skærmlæser, tastatur eller forstørrelse."
        ),
        "body": [
            (
                "Hjemmesiden er bygget efter retningslinjerne i WCAG 2.1 på niveau "
                "AA, og hver sidetype testes automatisk for tilgængelighed."
            ),
            (
                "Oplever du noget, der ikke virker, så skriv til sekretariatet på "
                "kulturmetropolen@example.org. Vi svarer inden for ti arbejdsdage."
            ),
        ],
    },
    {
        "slug": "privatlivspolitik",
        "title": "Privatlivspolitik",
        "show_in_menus": False,
        "intro": "Sådan behandler Kulturmetropolen dine personoplysninger.",
        "body": [
            (
                "Tilmelder du dig nyhedsbrevet, gemmer vi kun din e-mailadresse og "
                "tidspunktet for din tilmelding. Du kan altid afmelde dig via "
                "linket i hvert nyhedsbrev, og så sletter vi adressen."
            ),
            (
                "Hjemmesiden bruger ingen sporingscookies. Ishøj Kommune er "
                "dataansvarlig på vegne af partnerskabet."
            ),
        ],
    },
]


def load_pages() -> None:
    """Fills in the Danish home page's hero and adds the standard pages."""
    home = danish_home()
    if home.hero_heading != HERO_HEADING:
        home.hero_heading = HERO_HEADING
        home.hero_intro = HERO_INTRO
        home.hero_image = demo_image("Kulturmetropolen")
        home.body = paragraphs(
            "Her kan du læse om vores indsatsområder og projekter, finde de "
            "seneste nyheder og se, hvem du kan kontakte."
        )
        home.save_revision().publish()
    for spec in STANDARD_PAGES:
        ensure_page(
            home,
            StandardPage,
            spec["slug"],
            title=spec["title"],
            show_in_menus=spec["show_in_menus"],
            intro=spec["intro"],
            body=paragraphs(*spec["body"]),
        )


def municipality_description(name: str, is_chair: bool) -> str:
    return f"{name} Kommune er med i Kulturmetropolen" + (
        " og er formand for partnerskabet." if is_chair else "."
    )


def load(command) -> None:
    site = Site.objects.get(is_default_site=True)
    danish = Locale.objects.get(language_code="da")
    for name, slug, website, is_chair in MUNICIPALITIES:
        Municipality.objects.update_or_create(
            slug=slug,
            locale=danish,
            defaults={
                "name": name,
                "website": website,
                "is_chair": is_chair,
                "description": municipality_description(name, is_chair),
            },
        )
    load_pages()
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
            "accessibility_statement": StandardPage.objects.filter(
                locale=danish, slug="tilgaengelighedserklaering"
            ).first(),
            "privacy_policy": StandardPage.objects.filter(
                locale=danish, slug="privatlivspolitik"
            ).first(),
        },
    )
