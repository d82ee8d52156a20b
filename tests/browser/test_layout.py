"""Every public page type fits small screens: nothing scrolls sideways at 320,
360 or 768 px, in any language. The header's menu button opens and closes the
menu by keyboard."""

import pytest

from .pages import LANGUAGE_PREFIXES, PUBLIC_PAGES, page_url

WIDTHS = (320, 360, 768)

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wider = [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > width + 1)
    .slice(0, 5)
    .map((element) => element.outerHTML.slice(0, 160));
  return {scrollWidth: document.documentElement.scrollWidth, width, wider};
}"""


@pytest.mark.parametrize("language", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("page_type", PUBLIC_PAGES)
def test_page_does_not_scroll_sideways(live_site, page, page_type, language):
    url = page_url(live_site, page_type, language)
    overflowing = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 720})
        page.goto(url)
        found = page.evaluate(OVERFLOW)
        if found["scrollWidth"] > found["width"]:
            overflowing[width] = found

    assert overflowing == {}


def test_menu_button_is_a_disclosure_usable_by_keyboard(live_site, page):
    page.set_viewport_size({"width": 360, "height": 720})
    page.goto(f"{live_site}/en/")
    button = page.locator(".menu-button")
    menu = page.locator("#main-menu")
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the site's name
    page.keyboard.press("Tab")
    assert button.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")

    assert button.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    assert page.locator("#site-search").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.header-tools') !== null")

    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    assert button.evaluate("element => element === document.activeElement")


def test_menu_is_shown_without_javascript(live_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 720})
    page.goto(f"{live_site}/en/")

    assert page.locator("#main-menu").is_visible()
    assert page.locator("#site-search").is_visible()
    assert not page.locator(".menu-button").is_visible()
    context.close()


def test_wide_screens_show_the_menu_inside_the_content_column(live_site, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_site}/en/")

    first_link = page.locator("#main-menu a").first.bounding_box()
    heading = page.locator("main h1").bounding_box()
    assert not page.locator(".menu-button").is_visible()
    assert first_link["x"] == pytest.approx(heading["x"], abs=1)
    assert first_link["x"] > 16
