"""Demo content of the news app: the Danish news index with sixteen Danish posts,
and English and Swedish translations of the index and three of the posts.

Runs after the home, contacts and focus areas parts. Idempotent: the indexes and
posts are looked up by slug (translations by translation key) and left alone when
they exist. Focus areas are looked up by slug; those that do not exist (yet) are
simply not linked. Facts about the agreements come from the seed documents, in our
own words; the author is fictitious.
"""

import datetime

from wagtail.models import Locale

from contacts.models import Person
from focusareas.models import FocusAreaPage
from home.demo import demo_image
from home.models import HomePage
from municipalities.models import Municipality
from news.models import NewsIndexPage, NewsPage

AUTHOR = {
    "name": "Mette Sørensen",
    "job_title": "Kommunikationsansvarlig",
    "email": "mette.sorensen@example.org",
}

# Slugs the focus areas part may use for each theme; the first one found is linked.
FOCUS_AREA_SLUGS = {
    "musik": ["musik", "skaberkraft-og-talentudvikling"],
    "unge": ["ungekultur", "unge", "skaberkraft-og-talentudvikling"],
    "liv": [
        "et-bedre-liv-med-kultur",
        "et-bedre-liv-med-faellesskaber-og-kultur",
    ],
    "niche": ["nichekultur"],
    "talent": ["skaberkraft-og-talentudvikling", "musik"],
    "faellesskaber": [
        "et-bedre-liv-med-faellesskaber-og-kultur",
        "et-bedre-liv-med-kultur",
    ],
}

POSTS = [
    # (slug, date, title, lead, paragraphs, focus area keys, municipality slugs, tags)
    (
        "ny-kulturaftale-er-underskrevet",
        datetime.date(2021, 1, 13),
        "Ny kulturaftale er underskrevet",
        "Kulturaftalen for 2021-2024 er på plads. Ni kommuner fortsætter "
        "samarbejdet om musik, ungekultur og kultur som vej til et bedre liv.",
        [
            "Efter et år, hvor kulturlivet måtte holde igen, er det en glæde at "
            "kunne fortælle, at de ni kommuner og kulturministeren har skrevet "
            "under på en ny kulturaftale for perioden 2021-2024.",
            "Aftalen bygger videre på det, vi allerede har lært: borgeren står i "
            "centrum, og effekten skal kunne mærkes lokalt. Musik og ungekultur "
            "fylder fortsat meget, og indsatsen Et bedre liv med kultur, der "
            "arbejder i krydsfeltet mellem kultur og sundhed, bliver videreført.",
            "Aftalen er underskrevet af Albertslund, Furesø, Halsnæs, Helsingør, "
            "Herlev, Ishøj, Køge, Roskilde og Rødovre Kommuner. Ishøj Kommune "
            "er formand for samarbejdet.",
        ],
        ["musik", "unge", "liv"],
        [
            "albertslund",
            "fureso",
            "halsnaes",
            "helsingor",
            "herlev",
            "ishoj",
            "koge",
            "roskilde",
            "rodovre",
        ],
        ["kulturaftale"],
    ),
    (
        "onlineseminar-om-kultur-og-sundhed",
        datetime.date(2021, 3, 4),
        "Onlineseminar om kultur og sundhedsfremme",
        "Et bedre liv med kultur inviterer fagfolk fra kultur og sundhed til et "
        "seminar om, hvordan kunst kan styrke trivsel.",
        [
            "Seminaret samler bibliotekarer, museumsformidlere og "
            "sundhedsmedarbejdere fra alle ni kommuner.",
            "Deltagerne hører om erfaringer fra de første forløb og får redskaber "
            "til at starte egne aktiviteter.",
        ],
        ["liv"],
        ["ishoj", "herlev"],
        ["kultur-og-sundhed", "seminar"],
    ),
    (
        "billedskoleworkshop-for-unge",
        datetime.date(2021, 6, 21),
        "Billedskoleworkshop for unge i sommerferien",
        "Unge mellem 13 og 17 år kan male, tegne og trykke sammen med "
        "professionelle kunstnere i en uge i juli.",
        [
            "Workshoppen foregår på skift i Albertslund og Rødovre.",
            "Der er ingen krav til forkundskaber, og materialer er inkluderet.",
        ],
        ["unge"],
        ["albertslund", "rodovre"],
        ["billedkunst", "workshop"],
    ),
    (
        "raa-festival-2021",
        datetime.date(2021, 9, 2),
        "RÅ festival samler unge kunstnere",
        "Den første RÅ festival viser, hvad der sker, når unge selv står for "
        "program, scener og formidling.",
        [
            "Festivalen er skabt af unge fra hele Kulturmetropolen med støtte "
            "fra ungeindsatsen.",
            "Programmet byder på koncerter, spoken word og udstillinger.",
        ],
        ["unge"],
        ["koge", "ishoj"],
        ["festival", "raa"],
    ),
    (
        "suburbangrrls-paa-ungdomsskolerne",
        datetime.date(2022, 2, 10),
        "SuburbanGrrls kommer på ungdomsskolerne",
        "Piger lærer at producere musik efter egen lyst i nye forløb på "
        "ungdomsskolerne.",
        [
            "Forløbene ledes af kvindelige producere og sangskrivere.",
            "Målet er flere piger bag mixerpulten og i talentlaget.",
        ],
        ["musik"],
        ["fureso", "herlev", "rodovre"],
        ["musikproduktion", "talent"],
    ),
    (
        "ord-liv-skriv",
        datetime.date(2022, 5, 17),
        "Ord.Liv.Skriv! – skrivning for trivsel",
        "Skriveværksteder for voksne med stress og ensomhed giver ordene "
        "tilbage til deltagerne.",
        [
            "Forløbene ledes af forfattere og foregår på bibliotekerne.",
            "Deltagerne skriver korte tekster, som de selv bestemmer, om de vil dele.",
        ],
        ["liv"],
        ["helsingor", "halsnaes"],
        ["kultur-og-sundhed", "litteratur"],
    ),
    (
        "spillesteder-i-samarbejde",
        datetime.date(2022, 10, 3),
        "Spillesteder samarbejder om nye koncertrækker",
        "Ni spillesteder booker sammen og sender unge bands på turné i "
        "hele Kulturmetropolen.",
        [
            "Samarbejdet giver bands flere koncerter og publikum mere musik tæt på.",
        ],
        ["musik"],
        ["roskilde", "koge", "helsingor"],
        ["koncerter", "talent"],
    ),
    (
        "raa-festival-2023",
        datetime.date(2023, 4, 12),
        "RÅ festival bliver til et forløb for forandringsagenter",
        "Ud over selve festivalen kan unge nu blive forandringsagenter i et "
        "forløb med Ungdomsbureauet.",
        [
            "Forløbet lærer unge at planlægge og lede kulturprojekter i deres "
            "egen kommune.",
        ],
        ["unge"],
        ["ishoj", "albertslund"],
        ["festival", "raa"],
    ),
    (
        "kunst-paa-recept",
        datetime.date(2023, 8, 29),
        "Billedkunst styrker mental sundhed",
        "Et nyt forløb med billedkunst for voksne i sygemelding viser gode resultater.",
        [
            "Deltagerne mødes en gang om ugen på et kunstmuseum.",
            "Evalueringen peger på bedre trivsel og nye fællesskaber.",
        ],
        ["liv"],
        ["fureso", "roskilde"],
        ["kultur-og-sundhed", "billedkunst"],
    ),
    (
        "talentforloeb-musik-2023",
        datetime.date(2023, 11, 20),
        "Talentforløb sætter musikdagsordenen",
        "Talentforløbet i musikindsatsen har fået opmærksomhed i hele landet.",
        [
            "Flere af deltagerne har siden udgivet musik og spillet på festivaler.",
        ],
        ["musik"],
        ["herlev", "rodovre"],
        ["talent", "musikproduktion"],
    ),
    (
        "oplaeg-til-ny-kulturaftale",
        datetime.date(2024, 2, 6),
        "Oplæg til kulturaftalen 2025-2028 er klar",
        "Kultur for alle: Oplægget peger på tre temaer for de næste fire år.",
        [
            "Temaerne er skaberkraft og talentudvikling, et bedre liv med "
            "fællesskaber og kultur samt nichekultur.",
            "Musikken er ikke et selvstændigt tema, men går igen i dem alle.",
        ],
        ["niche"],
        ["ishoj"],
        ["kulturaftale"],
    ),
    (
        "borgermoeder-om-kulturaftalen",
        datetime.date(2024, 5, 22),
        "Sig din mening om den nye kulturaftale",
        "Kommunerne holder borgermøder om, hvad kulturaftalen 2025-2028 skal "
        "indeholde.",
        [
            "Møderne er åbne for alle og holdes på biblioteker og kulturhuse.",
        ],
        [],
        ["halsnaes", "koge", "roskilde"],
        ["kulturaftale", "borgermoede"],
    ),
    (
        "kulturaftale-2025-2028",
        datetime.date(2025, 1, 15),
        "Kulturaftalen 2025-2028 er underskrevet",
        "Kultur for alle: de ni kommuner fortsætter samarbejdet med nye temaer "
        "og fokus på børn, unge og familier.",
        [
            "Aftalen sætter særligt fokus på trivsel blandt børn og unge.",
        ],
        ["talent", "faellesskaber", "niche"],
        ["ishoj", "albertslund", "fureso"],
        ["kulturaftale"],
    ),
    (
        "nichekultur-faar-plads",
        datetime.date(2025, 6, 11),
        "Nichekultur får plads på scenen",
        "Små genrer og smalle fællesskaber får støtte til at nå et nyt publikum.",
        [
            "Puljen kan søges af foreninger og grupper i alle ni kommuner.",
        ],
        ["niche"],
        ["helsingor", "herlev"],
        ["pulje"],
    ),
    (
        "familiedage-paa-museerne",
        datetime.date(2025, 10, 8),
        "Familiedage på museerne i efterårsferien",
        "Gratis værksteder for børn og voksne på otte museer i efterårsferien.",
        [
            "Familierne kan bygge, male og høre historier sammen.",
        ],
        ["faellesskaber"],
        ["koge", "roskilde", "rodovre"],
        ["familier", "workshop"],
    ),
    (
        "raa-festival-2026",
        datetime.date(2026, 3, 18),
        "RÅ festival 2026 søger unge arrangører",
        "Har du lyst til at stå bag en festival? RÅ søger unge mellem 15 og 25 år.",
        [
            "Arrangørgruppen mødes hver anden uge frem mod festivalen i september.",
        ],
        ["talent"],
        ["ishoj", "halsnaes"],
        ["festival", "raa"],
    ),
]


TRANSLATIONS = {
    # language: (index title, index slug, index intro, {Danish slug: post})
    "en": (
        "News",
        "news",
        "News from Kulturmetropolen: projects, events and the culture agreement.",
        {
            "ny-kulturaftale-er-underskrevet": (
                "new-culture-agreement-signed",
                "New culture agreement signed",
                "The culture agreement for 2021-2024 is in place. Nine "
                "municipalities carry on working together on music, youth culture "
                "and culture for a better life.",
                "Albertslund, Furesø, Halsnæs, Helsingør, Herlev, Ishøj, Køge, "
                "Roskilde and Rødovre have signed the agreement with the Minister "
                "of Culture. Ishøj chairs the partnership.",
            ),
            "kulturaftale-2025-2028": (
                "culture-agreement-2025-2028-signed",
                "Culture agreement 2025-2028 signed",
                "Culture for everyone: the nine municipalities continue with new "
                "themes and a focus on children, young people and families.",
                "The agreement pays special attention to the well-being of "
                "children and young people.",
            ),
            "raa-festival-2026": (
                "raa-festival-2026-looks-for-young-organisers",
                "RÅ festival 2026 looks for young organisers",
                "Would you like to run a festival? RÅ is looking for people aged "
                "15 to 25.",
                "The organising group meets every other week until the festival "
                "in September.",
            ),
        },
    ),
    "sv": (
        "Nyheter",
        "nyheter",
        "Nyheter från Kulturmetropolen: projekt, evenemang och kulturavtalet.",
        {
            "ny-kulturaftale-er-underskrevet": (
                "nytt-kulturavtal-undertecknat",
                "Nytt kulturavtal undertecknat",
                "Kulturavtalet för 2021-2024 är klart. Nio kommuner fortsätter "
                "samarbetet om musik, ungdomskultur och kultur för ett bättre liv.",
                "Albertslund, Furesø, Halsnæs, Helsingør, Herlev, Ishøj, Køge, "
                "Roskilde och Rødovre har skrivit under avtalet med "
                "kulturministern. Ishøj är ordförande för samarbetet.",
            ),
            "kulturaftale-2025-2028": (
                "kulturavtalet-2025-2028-undertecknat",
                "Kulturavtalet 2025-2028 undertecknat",
                "Kultur för alla: de nio kommunerna fortsätter med nya teman och "
                "fokus på barn, unga och familjer.",
                "Avtalet lägger särskild vikt vid barns och ungas välmående.",
            ),
            "raa-festival-2026": (
                "raa-festival-2026-soker-unga-arrangorer",
                "RÅ festival 2026 söker unga arrangörer",
                "Vill du ordna en festival? RÅ söker unga mellan 15 och 25 år.",
                "Arrangörsgruppen träffas varannan vecka fram till festivalen i "
                "september.",
            ),
        },
    ),
}


TRANSLATED_ALT_TEXT = {
    "en": "Illustration with the Danish title “%(title)s” on a coloured background.",
    "sv": "Illustration med den danska rubriken ”%(title)s” på färgad bakgrund.",
}


def _focus_areas(locale: Locale) -> dict[str, FocusAreaPage]:
    """Returns the focus area for each theme key that has one in ``locale``."""
    found = {}
    for key, slugs in FOCUS_AREA_SLUGS.items():
        for slug in slugs:
            area = FocusAreaPage.objects.filter(locale=locale, slug=slug).first()
            if area:
                found[key] = area
                break
    return found


def _author(locale: Locale) -> Person:
    """Returns the demo author: an existing person, else a fictitious one."""
    people = Person.objects.filter(locale=locale).order_by("pk")
    person = (
        people.filter(email=AUTHOR["email"]).first()
        or people.filter(job_title__icontains="kommunikation").first()
        or people.first()
    )
    if person:
        return person
    return Person.objects.create(locale=locale, **AUTHOR)


def _news_index(home: HomePage) -> NewsIndexPage:
    index = NewsIndexPage.objects.child_of(home).filter(slug="nyheder").first()
    if index:
        return index
    index = NewsIndexPage(
        title="Nyheder",
        slug="nyheder",
        show_in_menus=True,
        intro="Nyt fra Kulturmetropolen: projekter, arrangementer og kulturaftalen.",
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def load(command) -> None:
    danish = Locale.objects.get(language_code="da")
    home = HomePage.objects.get(locale=danish)
    index = _news_index(home)
    _load_danish_posts(index, danish)
    for language_code, translation in TRANSLATIONS.items():
        locale = Locale.objects.filter(language_code=language_code).first()
        if locale:
            _load_translation(index, locale, *translation)


def _load_danish_posts(index: NewsIndexPage, danish: Locale) -> None:
    existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
    if all(post[0] in existing for post in POSTS):
        return
    author = _author(danish)
    focus_areas = _focus_areas(danish)
    municipalities = {
        municipality.slug: municipality
        for municipality in Municipality.objects.filter(locale=danish)
    }
    for slug, date, title, lead, paragraphs, areas, places, tags in POSTS:
        if slug in existing:
            continue
        post = NewsPage(
            title=title,
            slug=slug,
            date=date,
            lead=lead,
            image=demo_image(title),
            image_alt_text=f"Illustration med teksten “{title}” på farvet baggrund.",
            image_caption=f"{title}. Illustration: Kulturmetropolen.",
            body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
            author=author,
            owner_municipality=municipalities.get(places[0]) if places else None,
        )
        post.focus_areas = [focus_areas[key] for key in areas if key in focus_areas]
        post.municipalities = [
            municipalities[place] for place in places if place in municipalities
        ]
        post.tags.add(*tags)
        index.add_child(instance=post)
        post.save_revision().publish()


def _load_translation(
    danish_index: NewsIndexPage,
    locale: Locale,
    title: str,
    slug: str,
    intro: str,
    posts: dict[str, tuple[str, str, str, str]],
) -> None:
    """Adds the index and some posts in ``locale`` as translations of the Danish."""
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        return
    index = danish_index.get_translation_or_none(locale)
    if index is None:
        index = NewsIndexPage(
            title=title,
            slug=slug,
            intro=intro,
            show_in_menus=True,
            locale=locale,
            translation_key=danish_index.translation_key,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for danish_slug, (post_slug, post_title, lead, text) in posts.items():
        original = NewsPage.objects.child_of(danish_index).get(slug=danish_slug)
        if original.get_translation_or_none(locale):
            continue
        post = NewsPage(
            title=post_title,
            slug=post_slug,
            locale=locale,
            translation_key=original.translation_key,
            date=original.date,
            lead=lead,
            image=original.image,
            image_alt_text=TRANSLATED_ALT_TEXT.get(locale.language_code, "")
            % {"title": original.title},
            body=[("paragraph", f"<p>{text}</p>")],
            author=original.author,
            owner_municipality=original.owner_municipality,
        )
        # The translations demo re-points them once municipalities are translated.
        post.municipalities = list(original.municipalities.all())
        post.tags.add(*original.tags.all())
        index.add_child(instance=post)
        post.save_revision().publish()
