"""Demo content of the focus areas: two agreement periods, their focus areas, projects.

Facts from the seed memos on the 2021-2024 agreement and the 2025-2028 draft,
retold in our own words.
"""

import datetime
from typing import Any

from wagtail.models import Locale
from wagtail.rich_text import RichText

from contacts.models import Person
from focusareas.models import (
    AgreementPeriod,
    FocusAreaIndexPage,
    FocusAreaPage,
    ProjectPage,
)
from home.demo import danish_home, demo_image, ensure_page, paragraphs
from municipalities.models import Municipality

ALL_MUNICIPALITIES = [
    "albertslund",
    "fureso",
    "halsnaes",
    "helsingor",
    "herlev",
    "ishoj",
    "koge",
    "roskilde",
    "rodovre",
]

FOCUS_AREAS: list[dict[str, Any]] = [
    {
        "period": 2021,
        "slug": "musik",
        "title": "Musik",
        "lead": "laerke.nyborg@example.org",
        "summary": (
            "Vi styrker talentlaget og skaber nye koncertoplevelser på "
            "spillestederne i de ni kommuner."
        ),
        "purpose": (
            "Musikindsatsen tager de opgaver, som den enkelte kommune eller det "
            "enkelte spillested ikke kan løfte alene: at nå unge, der sjældent "
            "finder vej til musiklivet, fx unge kvindelige musikere, unge med "
            "anden etnisk baggrund end dansk og psykisk sårbare unge, og at give "
            "unge talenter et fællesskab med ligesindede."
        ),
        "goals": [
            "Fælles forløb og events for og med unge, der skaber eller spiller musik.",
            "Nå andre grupper af unge end dem, kommunerne i forvejen har fat i.",
            "Bygge bro mellem vækstlaget, de unge talenter og de etablerede "
            "musikaktører.",
            "Styrke unge kvindelige musikere, der skaber og optræder.",
            "Gøre fællesskab og livskvalitet til en rød tråd i alle projekter.",
        ],
        "target_groups": ["Unge musikere", "Spillesteder og musikskoler"],
    },
    {
        "period": 2021,
        "slug": "ungekultur",
        "title": "Ungekultur",
        "lead": "jonas.eskildsen@example.org",
        "summary": (
            "Unge udvikler deres egne kulturtilbud sammen med biblioteker, "
            "museer og kulturhuse."
        ),
        "purpose": (
            "Ungeindsatsen støtter kulturaktiviteter, som unge selv skaber på "
            "tværs af kommunerne, og bygger netværk og kompetencer på "
            "ungeområdet. Når kommunernes forskellige styrker bliver synlige, "
            "kan de unge se, hvor de kan være med og starte nye fællesskaber."
        ),
        "goals": [
            "Støtte unges egne kulturprojekter.",
            "Gøre projekter, rammer og muligheder synlige for de unge.",
            "Række ud til unge uden for kulturfællesskaberne, uanset køn, "
            "etnicitet og social baggrund.",
            "Skabe netværk på tværs af kommunerne.",
        ],
        "target_groups": ["Unge mellem 15 og 25 år"],
    },
    {
        "period": 2021,
        "slug": "et-bedre-liv-med-kultur",
        "title": "Et bedre liv med kultur",
        "lead": "nanna.thorup@example.org",
        "summary": (
            "Kultur, der øger livskvaliteten fysisk, psykisk og socialt, i "
            "krydsfeltet mellem kultur og sundhed."
        ),
        "purpose": (
            "Kommunerne arbejder sammen om kulturtilbud, der løfter borgernes "
            "livskvalitet. Kulturinstitutioner og medarbejdere lærer at skabe "
            "sundhedsfremmende aktiviteter med kulturen som udgangspunkt, og "
            "effekten bliver målt systematisk."
        ),
        "goals": [
            "Udvikle kompetencerne hos aktørerne på området.",
            "Udvikle, afprøve og dele nye projektforsøg.",
            "Opbygge strategiske samarbejder.",
            "Arbejde med viden, dokumentation og evidens.",
        ],
        "target_groups": ["Borgere i sårbare livssituationer"],
    },
    {
        "period": 2025,
        "slug": "skaberkraft-og-talentudvikling",
        "title": "Skaberkraft og talentudvikling",
        "lead": "laerke.nyborg@example.org",
        "summary": (
            "Dygtiggørelse i musik og andre kunstarter, og støtte til de "
            "kulturinitiativer, borgerne selv sætter i gang."
        ),
        "purpose": (
            "Talent forstås bredt: både som at blive dygtigere inden for en "
            "kunstart, hvor musikken fortsat fylder meget, og som skaberkraft, "
            "når borgere selv tager kulturelle initiativer. Sådan skabes en "
            "kulturel fødekæde, der når flere borgere."
        ),
        "goals": [],
        "target_groups": ["Unge", "Potentielle brugere", "Familier"],
    },
    {
        "period": 2025,
        "slug": "et-bedre-liv-med-faellesskaber-og-kultur",
        "title": "Et bedre liv med fællesskaber og kultur",
        "lead": "nanna.thorup@example.org",
        "summary": (
            "Mental sundhed, trivsel og kultur for alle gennem fællesskaber "
            "omkring kulturen."
        ),
        "purpose": (
            "Kulturen skal bidrage til lighed, medborgerskab og trivsel. Vi "
            "bygger videre på erfaringerne fra den forrige aftale og lægger vægt "
            "på de fællesskaber, der opstår omkring aktiviteterne, så de stærke "
            "kan løfte de mere sårbare."
        ),
        "goals": [],
        "target_groups": [
            "Potentielle brugere, især psykisk sårbare og ensomme",
            "Unge",
            "Familier",
        ],
    },
    {
        "period": 2025,
        "slug": "nichekultur",
        "title": "Nichekultur",
        "lead": "emil.sorensen@example.org",
        "summary": (
            "Vi griber de spirende initiativer, som en enkelt kommune er for "
            "lille til at bære alene."
        ),
        "purpose": (
            "Nogle interesser deles kun af få borgere i hver kommune, og nogle "
            "felter går på tværs af kultur, håndværk, klima og ny teknologi. "
            "Sammen kan kommunerne give dem plads og fællesskab."
        ),
        "goals": [],
        "target_groups": ["Potentielle brugere", "Unge", "Familier"],
    },
]

PROJECTS: list[dict[str, Any]] = [
    {
        "area": "ungekultur",
        "slug": "raa-festival",
        "title": "RÅ festival",
        "summary": (
            "En årlig festival, som unge selv planlægger, med workshops som "
            "upcycling og et forløb for unge forandringsagenter."
        ),
        "start": datetime.date(2023, 1, 20),
        "end": datetime.date(2023, 1, 22),
        "municipalities": ["albertslund", "ishoj", "rodovre"],
        "contact": "jonas.eskildsen@example.org",
    },
    {
        "area": "musik",
        "slug": "suburbangrrls",
        "title": "SuburbanGrrls",
        "summary": (
            "Forløb på ungdomsskoler, hvor piger lærer at producere musik ud "
            "fra deres egen lyst og motivation."
        ),
        "start": datetime.date(2021, 9, 1),
        "end": datetime.date(2024, 6, 30),
        "municipalities": ["roskilde", "koge", "herlev"],
        "contact": "laerke.nyborg@example.org",
    },
    {
        "area": "et-bedre-liv-med-kultur",
        "slug": "ord-liv-skriv",
        "title": "Ord.Liv.Skriv!",
        "summary": (
            "Skriveværksteder, hvor deltagerne bruger skrivekunsten til at få det "
            "bedre og til at møde andre."
        ),
        "start": datetime.date(2022, 2, 1),
        "end": datetime.date(2024, 12, 31),
        "municipalities": ["fureso", "halsnaes", "helsingor"],
        "contact": "nanna.thorup@example.org",
    },
]


def municipalities(slugs: list[str], locale: Locale) -> list[Municipality]:
    return list(Municipality.objects.filter(slug__in=slugs, locale=locale))


def person(email: str, locale: Locale) -> Person | None:
    return Person.objects.filter(email=email, locale=locale).first()


def load(command) -> None:
    danish = Locale.objects.get(language_code="da")
    periods = {}
    for start, end in [(2021, 2024), (2025, 2028)]:
        periods[start], _created = AgreementPeriod.objects.update_or_create(
            start_year=start,
            end_year=end,
            locale=danish,
            defaults={"name": f"Kulturaftale {start}-{end}"},
        )

    home = danish_home()
    index = ensure_page(
        home,
        FocusAreaIndexPage,
        "indsatsomraader",
        title="Indsatsområder",
        show_in_menus=True,
        intro=(
            "Kulturmetropolen arbejder i aftaleperioder på fire år. Her er "
            "indsatsområderne i den nuværende og den forrige periode."
        ),
    )

    areas = {}
    for spec in FOCUS_AREAS:
        lead = person(spec["lead"], danish)
        area = ensure_page(
            index,
            FocusAreaPage,
            spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            agreement_period=periods[spec["period"]],
            image=demo_image(spec["title"]),
            purpose=RichText(f"<p>{spec['purpose']}</p>").source,
            result_goals=[("goal", goal) for goal in spec["goals"]],
            target_groups=[("target_group", group) for group in spec["target_groups"]],
            project_leads=[lead] if lead else [],
            municipalities=municipalities(ALL_MUNICIPALITIES, danish),
        )
        areas[spec["slug"]] = area
        if lead and lead.focus_area_id is None:
            lead.focus_area = area
            lead.save(update_fields=["focus_area"])

    for spec in PROJECTS:
        ensure_page(
            areas[spec["area"]],
            ProjectPage,
            spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            start_date=spec["start"],
            end_date=spec["end"],
            image=demo_image(spec["title"]),
            body=paragraphs(spec["summary"]),
            municipalities=municipalities(spec["municipalities"], danish),
            contact=person(spec["contact"], danish),
        )

    if not home.featured_focus_areas.exists():
        home.featured_focus_areas = [
            areas[slug]
            for slug in [
                "skaberkraft-og-talentudvikling",
                "et-bedre-liv-med-faellesskaber-og-kultur",
                "nichekultur",
            ]
        ]
        home.save_revision().publish()
