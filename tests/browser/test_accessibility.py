"""Every public page type, in every language, has zero axe WCAG 2.1 A/AA violations."""

import pytest

from .conftest import assert_accessible
from .pages import LANGUAGE_PREFIXES, PUBLIC_PAGES, page_url


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("page_type", PUBLIC_PAGES)
def test_page_has_no_axe_violations(live_site, page, axe, page_type, language):
    page.goto(page_url(live_site, page_type, language))

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
