"""English and Swedish demo translations, made with wagtail-localize's machinery.

Runs after the other demo parts. For each Danish page or snippet below it creates
(or refreshes) a wagtail-localize translation, fills every string with the
English or Swedish text written here, and publishes the result. Pages another
demo part has already translated by hand are left alone. Idempotent: a second
run finds the same strings and changes nothing visible.
"""

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource

from contacts.models import ContactDirectoryPage, Person
from focusareas.models import (
    AgreementPeriod,
    FocusAreaIndexPage,
    FocusAreaPage,
    ProjectPage,
)
from home.demo import MUNICIPALITIES, municipality_description
from home.models import HomePage, StandardPage
from municipalities.models import Municipality
from translations.relations import localize_relations

LANGUAGES = ("en", "sv")

# Danish source text: (English, Swedish). Shared by every page and snippet below.
TEXTS: dict[str, tuple[str, str]] = {
    # Home page
    "Kulturmetropolen": ("Kulturmetropolen", "Kulturmetropolen"),
    "home": ("home-en", "home-sv"),
    "Kultur på tværs af ni kommuner": (
        "Culture across nine municipalities",
        "Kultur över nio kommungränser",
    ),
    "Kulturmetropolen er et kultursamarbejde mellem ni kommuner og "
    "kulturministeren. Sammen skaber vi kulturtilbud, som ingen kommune kunne "
    "løfte alene.": (
        "Kulturmetropolen is a cultural partnership between nine Danish "
        "municipalities and the Minister for Culture. Together we create cultural "
        "activities that no municipality could manage on its own.",
        "Kulturmetropolen är ett kultursamarbete mellan nio danska kommuner och "
        "kulturministern. Tillsammans skapar vi kulturutbud som ingen kommun "
        "hade klarat på egen hand.",
    ),
    "Her kan du læse om vores indsatsområder og projekter, finde de seneste "
    "nyheder og se, hvem du kan kontakte.": (
        "Read about our focus areas and projects, find the latest news and see "
        "whom to contact.",
        "Här kan du läsa om våra insatsområden och projekt, hitta de senaste "
        "nyheterna och se vem du kan kontakta.",
    ),
    # About page
    "Om Kulturmetropolen": ("About Kulturmetropolen", "Om Kulturmetropolen"),
    "om-kulturmetropolen": ("about", "om-oss"),
    "Ni kommuner i hovedstadsområdet og på Sjælland arbejder sammen om flere og "
    "bedre kulturtilbud til borgerne.": (
        "Nine municipalities in the Copenhagen region and on Zealand work together "
        "for more and better culture for their citizens.",
        "Nio kommuner i huvudstadsregionen och på Själland samarbetar om fler och "
        "bättre kulturutbud för invånarna.",
    ),
    "Kulturmetropolen er en af landets største kulturaftaler. Aftalen samler "
    "kommunernes kulturinstitutioner, viden og erfaringer om fælles indsatser, der "
    "rækker ud over kommunegrænserne.": (
        "Kulturmetropolen is one of Denmark's largest culture agreements. It brings "
        "the municipalities' cultural institutions, knowledge and experience "
        "together in shared efforts that reach beyond municipal borders.",
        "Kulturmetropolen är ett av Danmarks största kulturavtal. Avtalet samlar "
        "kommunernas kulturinstitutioner, kunskap och erfarenheter kring "
        "gemensamma insatser som sträcker sig över kommungränserna.",
    ),
    "Ishøj Kommune er formandskommune og huser sekretariatet. De øvrige kommuner "
    "er Albertslund, Furesø, Halsnæs, Helsingør, Herlev, Køge, Roskilde og "
    "Rødovre.": (
        "Ishøj Municipality chairs the partnership and hosts the secretariat. The "
        "other municipalities are Albertslund, Furesø, Halsnæs, Helsingør, Herlev, "
        "Køge, Roskilde and Rødovre.",
        "Ishøj kommun är ordförandekommun och har sekretariatet. De övriga "
        "kommunerna är Albertslund, Furesø, Halsnæs, Helsingør, Herlev, Køge, "
        "Roskilde och Rødovre.",
    ),
    "Aftalen løber i perioder på fire år. I 2021-2024 arbejdede vi med musik, "
    "ungekultur og kultur og sundhed; fra 2025 er temaerne skaberkraft og "
    "talentudvikling, fællesskaber og kultur samt nichekultur.": (
        "The agreement runs in four-year periods. In 2021-2024 we worked with "
        "music, youth culture and culture and health; from 2025 the themes are "
        "creativity and talent, communities and culture, and niche culture.",
        "Avtalet löper i perioder om fyra år. Under 2021–2024 arbetade vi med "
        "musik, ungdomskultur samt kultur och hälsa; från 2025 är temana "
        "skaparkraft och talangutveckling, gemenskaper och kultur samt "
        "nischkultur.",
    ),
    # Contact directory
    "Kontakt": ("Contact", "Kontakt"),
    "kontakt": ("contact", "kontakt"),
    "Sekretariatet i Ishøj svarer på spørgsmål om Kulturmetropolen. "
    "Projektcheferne ved mest om de enkelte indsatser.": (
        "The secretariat in Ishøj answers questions about Kulturmetropolen. The "
        "project managers know most about each focus area.",
        "Sekretariatet i Ishøj svarar på frågor om Kulturmetropolen. "
        "Projektcheferna vet mest om de enskilda insatserna.",
    ),
    "Sekretariatet": ("The secretariat", "Sekretariatet"),
    "Sekretariatet ligger i Ishøj Kommune.": (
        "The secretariat is part of Ishøj Municipality.",
        "Sekretariatet finns i Ishøj kommun.",
    ),
    "Projektchefer": ("Project managers", "Projektchefer"),
    "Én projektchef for hvert indsatsområde.": (
        "One project manager for each focus area.",
        "En projektchef för varje insatsområde.",
    ),
    # People (names stay, job titles are translated)
    "Projektchef – Nichekultur": (
        "Project manager – Niche culture",
        "Projektchef – Nischkultur",
    ),
    "Projektkoordinator": ("Project coordinator", "Projektkoordinator"),
    "Projektchef – Ungekultur": (
        "Project manager – Youth culture",
        "Projektchef – Ungdomskultur",
    ),
    "Projektchef – Musik": ("Project manager – Music", "Projektchef – Musik"),
    "Sekretariatschef": ("Head of secretariat", "Sekretariatschef"),
    "Projektchef – Et bedre liv med kultur": (
        "Project manager – A better life with culture",
        "Projektchef – Ett bättre liv med kultur",
    ),
    "Kommunikations- og sekretariatsmedarbejder": (
        "Communications and secretariat officer",
        "Kommunikations- och sekretariatsmedarbetare",
    ),
    "Kommunikationsansvarlig": ("Head of communications", "Kommunikationsansvarig"),
    # Agreement periods
    "Kulturaftale 2021-2024": ("Culture agreement 2021-2024", "Kulturavtal 2021–2024"),
    "Kulturaftale 2025-2028": ("Culture agreement 2025-2028", "Kulturavtal 2025–2028"),
    # Focus area index
    "Indsatsområder": ("Focus areas", "Insatsområden"),
    "indsatsomraader": ("focus-areas", "insatsomraden"),
    "Kulturmetropolen arbejder i aftaleperioder på fire år. Her er "
    "indsatsområderne i den nuværende og den forrige periode.": (
        "Kulturmetropolen works in agreement periods of four years. Here are the "
        "focus areas of the current and the previous period.",
        "Kulturmetropolen arbetar i avtalsperioder om fyra år. Här är "
        "insatsområdena i den nuvarande och den förra perioden.",
    ),
    # Focus area: music
    "Musik": ("Music", "Musik"),
    "musik": ("music", "musik"),
    "Vi styrker talentlaget og skaber nye koncertoplevelser på spillestederne i de "
    "ni kommuner.": (
        "We strengthen young talent and create new concert experiences at the "
        "venues of the nine municipalities.",
        "Vi stärker unga talanger och skapar nya konsertupplevelser på "
        "spelställena i de nio kommunerna.",
    ),
    "Musikindsatsen tager de opgaver, som den enkelte kommune eller det enkelte "
    "spillested ikke kan løfte alene: at nå unge, der sjældent finder vej til "
    "musiklivet, fx unge kvindelige musikere, unge med anden etnisk baggrund end "
    "dansk og psykisk sårbare unge, og at give unge talenter et fællesskab med "
    "ligesindede.": (
        "The music effort takes on what no single municipality or venue can manage "
        "alone: reaching young people who rarely find their way into music, such "
        "as young female musicians, young people with an ethnic background other "
        "than Danish and young people with mental health challenges, and giving "
        "young talent a community of peers.",
        "Musiksatsningen tar sig an det som en enskild kommun eller ett enskilt "
        "spelställe inte klarar ensam: att nå unga som sällan hittar till "
        "musiklivet, till exempel unga kvinnliga musiker, unga med annan etnisk "
        "bakgrund än dansk och psykiskt sårbara unga, och att ge unga talanger "
        "en gemenskap med likasinnade.",
    ),
    "Fælles forløb og events for og med unge, der skaber eller spiller musik.": (
        "Shared programmes and events for and with young people who make or play "
        "music.",
        "Gemensamma program och evenemang för och med unga som skapar eller "
        "spelar musik.",
    ),
    "Nå andre grupper af unge end dem, kommunerne i forvejen har fat i.": (
        "Reach other groups of young people than those the municipalities already "
        "reach.",
        "Nå andra grupper av unga än dem kommunerna redan når.",
    ),
    "Bygge bro mellem vækstlaget, de unge talenter og de etablerede musikaktører.": (
        "Build bridges between emerging artists, young talent and established "
        "music organisations.",
        "Bygga broar mellan nya artister, unga talanger och etablerade musikaktörer.",
    ),
    "Styrke unge kvindelige musikere, der skaber og optræder.": (
        "Support young female musicians who create and perform.",
        "Stärka unga kvinnliga musiker som skapar och uppträder.",
    ),
    "Gøre fællesskab og livskvalitet til en rød tråd i alle projekter.": (
        "Make community and quality of life a common thread in every project.",
        "Göra gemenskap och livskvalitet till en röd tråd i alla projekt.",
    ),
    "Unge musikere": ("Young musicians", "Unga musiker"),
    "Spillesteder og musikskoler": (
        "Venues and music schools",
        "Spelställen och musikskolor",
    ),
    # Focus area: youth culture
    "Ungekultur": ("Youth culture", "Ungdomskultur"),
    "ungekultur": ("youth-culture", "ungdomskultur"),
    "Unge udvikler deres egne kulturtilbud sammen med biblioteker, museer og "
    "kulturhuse.": (
        "Young people develop their own cultural activities together with "
        "libraries, museums and culture houses.",
        "Unga utvecklar sina egna kulturaktiviteter tillsammans med bibliotek, "
        "museer och kulturhus.",
    ),
    "Ungeindsatsen støtter kulturaktiviteter, som unge selv skaber på tværs af "
    "kommunerne, og bygger netværk og kompetencer på ungeområdet. Når kommunernes "
    "forskellige styrker bliver synlige, kan de unge se, hvor de kan være med og "
    "starte nye fællesskaber.": (
        "The youth effort supports cultural activities that young people create "
        "themselves across the municipalities, and builds networks and skills in "
        "youth work. When the municipalities' different strengths become visible, "
        "young people can see where to take part and start new communities.",
        "Ungdomssatsningen stöder kulturaktiviteter som unga själva skapar över "
        "kommungränserna och bygger nätverk och kompetens inom ungdomsområdet. När "
        "kommunernas olika styrkor blir synliga kan de unga se var de kan vara "
        "med och starta nya gemenskaper.",
    ),
    "Støtte unges egne kulturprojekter.": (
        "Support young people's own cultural projects.",
        "Stödja ungas egna kulturprojekt.",
    ),
    "Gøre projekter, rammer og muligheder synlige for de unge.": (
        "Make projects, settings and opportunities visible to young people.",
        "Göra projekt, ramar och möjligheter synliga för de unga.",
    ),
    "Række ud til unge uden for kulturfællesskaberne, uanset køn, etnicitet og "
    "social baggrund.": (
        "Reach out to young people outside cultural communities, whatever their "
        "gender, ethnicity or social background.",
        "Nå ut till unga utanför kulturgemenskaperna, oavsett kön, etnicitet och "
        "social bakgrund.",
    ),
    "Skabe netværk på tværs af kommunerne.": (
        "Create networks across the municipalities.",
        "Skapa nätverk över kommungränserna.",
    ),
    "Unge mellem 15 og 25 år": (
        "Young people aged 15 to 25",
        "Unga mellan 15 och 25 år",
    ),
    # Focus area: a better life with culture
    "Et bedre liv med kultur": (
        "A better life with culture",
        "Ett bättre liv med kultur",
    ),
    "et-bedre-liv-med-kultur": (
        "a-better-life-with-culture",
        "ett-battre-liv-med-kultur",
    ),
    "Kultur, der øger livskvaliteten fysisk, psykisk og socialt, i krydsfeltet "
    "mellem kultur og sundhed.": (
        "Culture that improves physical, mental and social quality of life, where "
        "culture meets health.",
        "Kultur som höjer livskvaliteten fysiskt, psykiskt och socialt, i "
        "skärningspunkten mellan kultur och hälsa.",
    ),
    "Kommunerne arbejder sammen om kulturtilbud, der løfter borgernes "
    "livskvalitet. Kulturinstitutioner og medarbejdere lærer at skabe "
    "sundhedsfremmende aktiviteter med kulturen som udgangspunkt, og effekten "
    "bliver målt systematisk.": (
        "The municipalities work together on cultural activities that raise "
        "citizens' quality of life. Cultural institutions and staff learn to "
        "create health-promoting activities based on culture, and the effect is "
        "measured systematically.",
        "Kommunerna samarbetar om kulturutbud som höjer invånarnas livskvalitet. "
        "Kulturinstitutioner och medarbetare lär sig att skapa hälsofrämjande "
        "aktiviteter med kulturen som utgångspunkt, och effekten mäts "
        "systematiskt.",
    ),
    "Udvikle kompetencerne hos aktørerne på området.": (
        "Develop the skills of the people working in the field.",
        "Utveckla kompetensen hos aktörerna inom området.",
    ),
    "Udvikle, afprøve og dele nye projektforsøg.": (
        "Develop, test and share new pilot projects.",
        "Utveckla, pröva och dela nya projektförsök.",
    ),
    "Opbygge strategiske samarbejder.": (
        "Build strategic partnerships.",
        "Bygga upp strategiska samarbeten.",
    ),
    "Arbejde med viden, dokumentation og evidens.": (
        "Work with knowledge, documentation and evidence.",
        "Arbeta med kunskap, dokumentation och evidens.",
    ),
    "Borgere i sårbare livssituationer": (
        "Citizens in vulnerable situations",
        "Invånare i sårbara livssituationer",
    ),
    # Focus area: creativity and talent
    "Skaberkraft og talentudvikling": (
        "Creativity and talent development",
        "Skaparkraft och talangutveckling",
    ),
    "skaberkraft-og-talentudvikling": (
        "creativity-and-talent",
        "skaparkraft-och-talangutveckling",
    ),
    "Dygtiggørelse i musik og andre kunstarter, og støtte til de "
    "kulturinitiativer, borgerne selv sætter i gang.": (
        "Getting better at music and other art forms, and support for the "
        "cultural initiatives citizens start themselves.",
        "Fördjupning i musik och andra konstarter, och stöd till de "
        "kulturinitiativ som invånarna själva tar.",
    ),
    "Talent forstås bredt: både som at blive dygtigere inden for en kunstart, hvor "
    "musikken fortsat fylder meget, og som skaberkraft, når borgere selv tager "
    "kulturelle initiativer. Sådan skabes en kulturel fødekæde, der når flere "
    "borgere.": (
        "Talent is understood broadly: both as getting better at an art form, "
        "where music still plays a large part, and as creativity, when citizens "
        "take cultural initiatives themselves. This creates a cultural pathway "
        "that reaches more citizens.",
        "Talang förstås brett: både som att bli skickligare inom en konstart, där "
        "musiken fortfarande har stor plats, och som skaparkraft, när invånare "
        "själva tar kulturella initiativ. Så skapas en kulturell näringskedja "
        "som når fler invånare.",
    ),
    "Unge": ("Young people", "Unga"),
    "Potentielle brugere": ("Potential users", "Potentiella användare"),
    "Familier": ("Families", "Familjer"),
    # Focus area: communities and culture
    "Et bedre liv med fællesskaber og kultur": (
        "A better life with communities and culture",
        "Ett bättre liv med gemenskaper och kultur",
    ),
    "et-bedre-liv-med-faellesskaber-og-kultur": (
        "a-better-life-with-communities-and-culture",
        "ett-battre-liv-med-gemenskaper-och-kultur",
    ),
    "Mental sundhed, trivsel og kultur for alle gennem fællesskaber omkring "
    "kulturen.": (
        "Mental health, well-being and culture for everyone through communities "
        "around culture.",
        "Psykisk hälsa, välmående och kultur för alla genom gemenskaper kring "
        "kulturen.",
    ),
    "Kulturen skal bidrage til lighed, medborgerskab og trivsel. Vi bygger videre "
    "på erfaringerne fra den forrige aftale og lægger vægt på de fællesskaber, der "
    "opstår omkring aktiviteterne, så de stærke kan løfte de mere sårbare.": (
        "Culture should contribute to equality, citizenship and well-being. We "
        "build on the experience of the previous agreement and emphasise the "
        "communities that grow around the activities, so that the strong can lift "
        "the more vulnerable.",
        "Kulturen ska bidra till jämlikhet, medborgarskap och välmående. Vi bygger "
        "vidare på erfarenheterna från det förra avtalet och lägger vikt vid de "
        "gemenskaper som uppstår kring aktiviteterna, så att de starka kan lyfta "
        "de mer sårbara.",
    ),
    "Potentielle brugere, især psykisk sårbare og ensomme": (
        "Potential users, especially people who are lonely or have mental health "
        "challenges",
        "Potentiella användare, särskilt psykiskt sårbara och ensamma",
    ),
    # Focus area: niche culture
    "Nichekultur": ("Niche culture", "Nischkultur"),
    "nichekultur": ("niche-culture", "nischkultur"),
    "Vi griber de spirende initiativer, som en enkelt kommune er for lille til at "
    "bære alene.": (
        "We take up emerging initiatives that a single municipality is too small "
        "to carry alone.",
        "Vi tar tillvara de spirande initiativ som en enskild kommun är för liten "
        "för att bära ensam.",
    ),
    "Nogle interesser deles kun af få borgere i hver kommune, og nogle felter går "
    "på tværs af kultur, håndværk, klima og ny teknologi. Sammen kan kommunerne "
    "give dem plads og fællesskab.": (
        "Some interests are shared by only a few citizens in each municipality, "
        "and some fields cut across culture, craft, climate and new technology. "
        "Together the municipalities can give them room and community.",
        "Vissa intressen delas bara av få invånare i varje kommun, och vissa "
        "områden går på tvärs av kultur, hantverk, klimat och ny teknik. "
        "Tillsammans kan kommunerna ge dem plats och gemenskap.",
    ),
    # Accessibility statement and privacy policy (linked from every footer)
    "Tilgængelighedserklæring": (
        "Accessibility statement",
        "Tillgänglighetsredogörelse",
    ),
    "tilgaengelighedserklaering": ("accessibility", "tillganglighet"),
    "Vi vil gerne have, at alle kan bruge hjemmesiden, også med skærmlæser, "
    "tastatur eller forstørrelse.": (
        "We want everyone to be able to use this website, also with a screen reader, "
        "a keyboard or magnification.",
        "Vi vill att alla ska kunna använda webbplatsen, även med skärmläsare, "
        "tangentbord eller förstoring.",
    ),
    "Hjemmesiden er bygget efter retningslinjerne i WCAG 2.1 på niveau AA, og hver "
    "sidetype testes automatisk for tilgængelighed.": (
        "The website follows the WCAG 2.1 guidelines at level AA, and every page type "
        "is tested for accessibility automatically.",
        "Webbplatsen följer riktlinjerna i WCAG 2.1 på nivå AA, och varje sidtyp "
        "testas automatiskt för tillgänglighet.",
    ),
    "Oplever du noget, der ikke virker, så skriv til sekretariatet på "
    "kulturmetropolen@example.org. Vi svarer inden for ti arbejdsdage.": (
        "If something does not work for you, write to the secretariat at "
        "kulturmetropolen@example.org. We answer within ten working days.",
        "Om något inte fungerar för dig, skriv till sekretariatet på "
        "kulturmetropolen@example.org. Vi svarar inom tio arbetsdagar.",
    ),
    "Privatlivspolitik": ("Privacy policy", "Integritetspolicy"),
    "privatlivspolitik": ("privacy", "integritet"),
    "Sådan behandler Kulturmetropolen dine personoplysninger.": (
        "How Kulturmetropolen handles your personal data.",
        "Så behandlar Kulturmetropolen dina personuppgifter.",
    ),
    "Tilmelder du dig nyhedsbrevet, gemmer vi kun din e-mailadresse og tidspunktet "
    "for din tilmelding. Du kan altid afmelde dig via linket i hvert nyhedsbrev, og "
    "så sletter vi adressen.": (
        "If you subscribe to the newsletter, we store only your e-mail address and "
        "the time you signed up. You can always unsubscribe through the link in "
        "every newsletter, and then we delete the address.",
        "Om du prenumererar på nyhetsbrevet sparar vi bara din e-postadress och "
        "tidpunkten för din anmälan. Du kan alltid avsluta prenumerationen via länken "
        "i varje nyhetsbrev, och då raderar vi adressen.",
    ),
    "Hjemmesiden bruger ingen sporingscookies. Ishøj Kommune er dataansvarlig på "
    "vegne af partnerskabet.": (
        "The website uses no tracking cookies. Ishøj Municipality is the data "
        "controller on behalf of the partnership.",
        "Webbplatsen använder inga spårningscookies. Ishøj kommun är "
        "personuppgiftsansvarig för partnerskapets räkning.",
    ),
    # Projects
    "RÅ festival": ("RÅ festival", "RÅ festival"),
    "raa-festival": ("raa-festival", "raa-festival"),
    "En årlig festival, som unge selv planlægger, med workshops som upcycling og et "
    "forløb for unge forandringsagenter.": (
        "A yearly festival planned by young people themselves, with workshops such "
        "as upcycling and a programme for young agents of change.",
        "En årlig festival som unga planerar själva, med workshoppar som upcycling "
        "och ett program för unga förändringsagenter.",
    ),
    "SuburbanGrrls": ("SuburbanGrrls", "SuburbanGrrls"),
    "suburbangrrls": ("suburbangrrls", "suburbangrrls"),
    "Forløb på ungdomsskoler, hvor piger lærer at producere musik ud fra deres egen "
    "lyst og motivation.": (
        "Courses at youth schools where girls learn to produce music, driven by "
        "their own wishes and motivation.",
        "Kurser på ungdomsskolor där flickor lär sig producera musik utifrån sin "
        "egen lust och motivation.",
    ),
    "Ord.Liv.Skriv!": ("Ord.Liv.Skriv!", "Ord.Liv.Skriv!"),
    "ord-liv-skriv": ("ord-liv-skriv", "ord-liv-skriv"),
    "Skriveværksteder, hvor deltagerne bruger skrivekunsten til at få det bedre og "
    "til at møde andre.": (
        "Writing workshops where participants use writing to feel better and to "
        "meet others.",
        "Skrivarverkstäder där deltagarna använder skrivandet för att må bättre "
        "och för att träffa andra.",
    ),
}

# Danish slugs of the pages translated here, parents before children.
FOCUS_AREA_INDEX_SLUG = "indsatsomraader"
STANDARD_PAGE_SLUGS = [
    "om-kulturmetropolen",
    "tilgaengelighedserklaering",
    "privatlivspolitik",
]
CONTACT_DIRECTORY_SLUG = "kontakt"


# Municipalities keep their name and slug; their descriptions follow one pattern.
for _name, _slug, _website, _is_chair in MUNICIPALITIES:
    TEXTS[_name] = (_name, _name)
    TEXTS[_slug] = (_slug, _slug)
    TEXTS[municipality_description(_name, _is_chair)] = (
        f"{_name} Municipality is part of Kulturmetropolen"
        + (" and chairs the partnership." if _is_chair else "."),
        f"{_name} kommun är med i Kulturmetropolen"
        + (" och är ordförande för partnerskapet." if _is_chair else "."),
    )


def translate(instance: TranslatableMixin, locale: Locale) -> list[str]:
    """Translates ``instance`` into ``locale`` from TEXTS and publishes it.

    Returns the source strings TEXTS has no translation for (they keep the Danish
    text); an empty list means the translation is complete.
    """
    index = LANGUAGES.index(locale.language_code)
    previous = (
        TranslationSource.objects.filter(
            object_id=instance.translation_key, locale_id=instance.locale_id
        )
        .values_list("last_updated_at", flat=True)
        .first()
    )
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    changed = created or previous != source.last_updated_at
    missing = []
    for segment in source.stringsegment_set.select_related("string", "context"):
        texts = TEXTS.get(segment.string.data)
        if texts is None:
            missing.append(segment.string.data)
            continue
        string_translation, created = segment.string.translations.get_or_create(
            locale=locale,
            context=segment.context,
            defaults={"data": texts[index], "translation_type": "manual"},
        )
        if string_translation.data != texts[index]:
            string_translation.data = texts[index]
            string_translation.save()
            created = True
        changed = changed or created
    if not changed and instance.get_translation_or_none(locale) is not None:
        return missing
    # Pages are saved as a draft and published here: publish=True would publish
    # only when the outermost transaction commits. Snippets without drafts are
    # saved as they are.
    translation.save_target(publish=not isinstance(instance, DraftStateMixin))
    target = source.get_translated_instance(locale)
    if isinstance(target, Page):
        target = target.specific
        revision = target.get_latest_revision()
        if revision and (not target.live or target.has_unpublished_changes):
            revision.publish()
    return missing


def translatable_pages() -> list[Page]:
    """Returns the Danish pages this part translates, parents first."""
    danish = Locale.objects.get(language_code="da")
    home = HomePage.objects.filter(locale=danish).first()
    if home is None:
        return []
    pages: list[Page] = [home]
    pages += StandardPage.objects.child_of(home).filter(slug__in=STANDARD_PAGE_SLUGS)
    index = (
        FocusAreaIndexPage.objects.child_of(home)
        .filter(slug=FOCUS_AREA_INDEX_SLUG)
        .first()
    )
    if index is not None:
        pages.append(index)
        pages += FocusAreaPage.objects.child_of(index).order_by("path")
        pages += ProjectPage.objects.descendant_of(index).order_by("path")
    pages += ContactDirectoryPage.objects.child_of(home).filter(
        slug=CONTACT_DIRECTORY_SLUG
    )
    return pages


def is_translated_by_hand(page: Page, locale: Locale) -> bool:
    """True when another demo part made this translation without wagtail-localize."""
    translated = page.get_translation_or_none(locale)
    if translated is None or translated.alias_of_id:
        return False
    if isinstance(page, HomePage):
        return False
    return not Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=locale
    ).exists()


def load(command) -> None:
    danish = Locale.objects.filter(language_code="da").first()
    if danish is None:
        return
    snippets: list[TranslatableMixin] = [
        *Municipality.objects.filter(locale=danish),
        *AgreementPeriod.objects.filter(locale=danish),
        *Person.objects.filter(locale=danish),
    ]
    pages = translatable_pages()
    for language_code in LANGUAGES:
        locale = Locale.objects.filter(language_code=language_code).first()
        if locale is None:
            continue
        with transaction.atomic():
            translated = []
            for item in snippets + pages:
                if isinstance(item, Page) and is_translated_by_hand(item, locale):
                    continue
                for text in translate(item, locale):
                    if needs_translation(text, item):
                        command.stderr.write(
                            f"translations demo: no {language_code} text for "
                            f"{text!r} ({item})"
                        )
                translated.append(item.get_translation(locale))
            # Pages other demo parts translated by hand (the news posts) were made
            # before the snippets had translations: they are re-pointed too.
            by_hand = Page.objects.filter(locale=locale).exclude(
                pk__in=[item.pk for item in translated if isinstance(item, Page)]
            )
            for item in [*translated, *by_hand.specific()]:
                point_relations_at_translations(item)


def needs_translation(text: str, item: TranslatableMixin) -> bool:
    """False for names and numbers, which stay as they are in every language."""
    return any(c.isalpha() for c in text) and text != getattr(item, "name", None)


def point_relations_at_translations(item: TranslatableMixin) -> None:
    """Links a translation to translated people, focus areas etc. and publishes."""
    if isinstance(item, Page):
        item = item.specific.get_latest_revision_as_object()
        if localize_relations(item):
            item.save_revision().publish()
    elif localize_relations(item):
        item.save()
