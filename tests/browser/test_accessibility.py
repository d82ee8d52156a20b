"""Every public page type, in every language, has zero axe WCAG 2.1 A/AA violations."""

import pytest

from .conftest import assert_accessible

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


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("page_type", PUBLIC_PAGES)
def test_page_has_no_axe_violations(live_site, page, axe, page_type, language):
    path = PUBLIC_PAGES[page_type]
    if isinstance(path, dict):
        path = path[language]
    url = f"{live_site}{LANGUAGE_PREFIXES[language]}{path}"

    page.goto(url)

    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(axe, page)


def test_language_switcher_works_by_keyboard(live_site, page):
    page.goto(f"{live_site}/")
    switcher_link = page.locator('.language-switcher a[hreflang="sv"]')

    for _ in range(20):
        page.keyboard.press("Tab")
        if switcher_link.evaluate("link => link === document.activeElement"):
            break
    else:
        pytest.fail(
            "The Swedish link of the language switcher never got keyboard focus"
        )
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_site}/sv/")

    assert page.locator("html").get_attribute("lang") == "sv"


def focus_by_tab(page, locator, what: str, presses: int = 40) -> None:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{what} never got keyboard focus")


def test_search_works_by_keyboard(live_site, page, axe):
    page.goto(f"{live_site}/en/")

    focus_by_tab(page, page.locator("#site-search"), "The search field")
    page.keyboard.type("culture")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/search/?q=culture*")
    first_result = page.locator("ol.search-results h3 a").first
    title = first_result.inner_text()
    assert_accessible(axe, page)

    focus_by_tab(page, first_result, "The first search result")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/search/" not in url)

    assert page.locator("h1").inner_text() == title


def test_skip_link_moves_focus_to_main(live_site, page):
    page.goto(f"{live_site}/en/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


def test_axe_check_reports_violations(live_site, page, axe):
    """Guards the guard: the check above fails on a page that is inaccessible."""
    page.set_content('<html><body><img src="x.png"><a href="/"></a></body></html>')

    with pytest.raises(AssertionError):
        assert_accessible(axe, page)
