"""The public page types the browser tests visit, in every language."""

LANGUAGE_PREFIXES = {"da": "", "en": "/en", "sv": "/sv"}

# Paths below a language prefix, or {language: path} where slugs are translated.
PUBLIC_PAGES = {
    "home": "/",
    "search": "/search/?q=kultur",
    "not-found": "/findes-ikke/",
    "newsletter-signup": "/newsletter/subscribe/",
    "newsletter-invalid-link": "/newsletter/confirm/not-a-valid-token/",
    "newsletter-unsubscribe": "/newsletter/unsubscribe/some-token/",
    "news-index": {"da": "/nyheder/", "en": "/news/", "sv": "/nyheter/"},
    "news-index-bad-filter": {
        "da": "/nyheder/?tag=kulturaftale&year=abc&page=2",
        "en": "/news/?municipality=findes-ikke",
        "sv": "/nyheter/?year=abc",
    },
    "news-post": {
        "da": "/nyheder/ny-kulturaftale-er-underskrevet/",
        "en": "/news/new-culture-agreement-signed/",
        "sv": "/nyheter/nytt-kulturavtal-undertecknat/",
    },
    "standard-page": {
        "da": "/om-kulturmetropolen/",
        "en": "/about/",
        "sv": "/om-oss/",
    },
    "accessibility-statement": {
        "da": "/tilgaengelighedserklaering/",
        "en": "/accessibility/",
        "sv": "/tillganglighet/",
    },
    "focus-area-index": {
        "da": "/indsatsomraader/",
        "en": "/focus-areas/",
        "sv": "/insatsomraden/",
    },
    "focus-area": {
        "da": "/indsatsomraader/musik/",
        "en": "/focus-areas/music/",
        "sv": "/insatsomraden/musik/",
    },
    "project": {
        "da": "/indsatsomraader/ungekultur/raa-festival/",
        "en": "/focus-areas/youth-culture/raa-festival/",
        "sv": "/insatsomraden/ungdomskultur/raa-festival/",
    },
    "contact-directory": {"da": "/kontakt/", "en": "/contact/", "sv": "/kontakt/"},
}


def page_url(base: str, page_type: str, language: str) -> str:
    """Returns the absolute URL of one page type in one language."""
    path = PUBLIC_PAGES[page_type]
    if isinstance(path, dict):
        path = path[language]
    return f"{base}{LANGUAGE_PREFIXES[language]}{path}"


def pending_confirmation_path(language: str) -> str:
    """Returns the confirm page of a new pending sign-up (a real, unused token)."""
    from newsletter.models import Subscriber
    from newsletter.tokens import make_confirmation_token

    subscriber, _ = Subscriber.objects.get_or_create(
        email=f"browser-check-{language}@example.org"
    )
    subscriber.start_subscription(language=language, source_page="/")
    token = make_confirmation_token(subscriber)
    return f"{LANGUAGE_PREFIXES[language]}/newsletter/confirm/{token}/"
