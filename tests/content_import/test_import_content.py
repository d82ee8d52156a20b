"""manage.py import_content: a folder of documents, and what a bad one does."""

import datetime
import io
import re
import textwrap
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Revision

from home.models import StandardPage
from municipalities.models import Municipality
from news.models import NewsPage

pytestmark = pytest.mark.django_db

MUNICIPALITIES = """
    model: municipalities.Municipality
    items:
      - slug: ishoj
        name: Ishøj
        description: Ishøj Kommune er formand.
        translations:
          en: {description: Ishøj chairs the partnership.}
"""

PAGE = """
    type: home.StandardPage
    parent: /
    slug: om-os
    title: Om os
    show_in_menus: true
    intro: Ni kommuner om kultur.
    body:
      - paragraph: Første afsnit.
      - paragraph: <p>Andet <b>afsnit</b>.</p>
      - image:
          image: {image: Koret, alt_text: Et kor synger.}
          caption: Koncert i Ishøj.
      - image:
          image: {image: Mønster, decorative: true}
    translations:
      en:
        slug: about-us
        title: About us
        body:
          - paragraph: First paragraph.
          - paragraph: <p>Second <b id="b1">paragraph</b>.</p>
          - image:
              image: {alt_text: A choir sings.}
              caption: A concert in Ishøj.
          - image: {}
"""

INDEX = """
    type: news.NewsIndexPage
    parent: /
    slug: nyt
    title: Nyt
"""

POST = """
    type: news.NewsPage
    parent: /nyt/
    slug: et-indlaeg
    title: Et indlæg
    date: 2024-05-01
    lead: Kort fortalt.
    image: Et indlæg
    image_alt_text: En illustration.
    tags: [festival, unge]
    owner_municipality: ishoj
    municipalities: [ishoj]
"""


def write(folder: Path, documents: dict[str, str]) -> Path:
    for name, text in documents.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def import_content(folder: Path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_content", str(folder), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def good_folder(folder: Path) -> Path:
    return write(
        folder,
        {
            "1-municipalities.yaml": MUNICIPALITIES,
            "2-pages/1-om-os.yaml": PAGE,
            "2-pages/2-nyt.yaml": INDEX,
            "2-pages/2-nyt/et-indlaeg.yaml": POST,
        },
    )


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "municipalities": Municipality.objects.count(),
    }


def test_a_good_folder_is_imported_published_and_translated(tmp_path, client):
    out, err = import_content(good_folder(tmp_path))

    assert err == ""
    for name in ["1-municipalities.yaml", "2-pages/1-om-os.yaml", "2-pages/2-nyt.yaml"]:
        assert name in out
    page = StandardPage.objects.get(slug="om-os", locale__language_code="da")
    assert page.live and page.show_in_menus and not page.has_unpublished_changes
    assert page.intro == "Ni kommuner om kultur."
    *paragraphs, image, decorative = page.body
    assert [block.value.source for block in paragraphs] == [
        "<p>Første afsnit.</p>",
        "<p>Andet <b>afsnit</b>.</p>",
    ]
    assert image.value["image"].title == "Koret"
    assert decorative.value["image"].decorative is True
    danish = client.get("/om-os/").content.decode()
    assert 'alt="Et kor synger."' in danish
    assert "<figcaption>Koncert i Ishøj.</figcaption>" in danish

    post = NewsPage.objects.get(slug="et-indlaeg")
    assert post.live and post.get_parent().slug == "nyt"
    assert post.date == datetime.date(2024, 5, 1)
    assert post.image.title == "Et indlæg"
    assert sorted(post.tags.names()) == ["festival", "unge"]
    assert [m.slug for m in post.municipalities.all()] == ["ishoj"]
    assert post.owner_municipality.slug == "ishoj"

    english = page.get_translation(Locale.objects.get(language_code="en"))
    assert (english.title, english.slug, english.live) == ("About us", "about-us", True)
    assert english.intro == "Ni kommuner om kultur."  # left out: keeps its text
    in_english = client.get("/en/about-us/").content.decode()
    assert "First paragraph." in in_english
    assert 'alt="A choir sings."' in in_english
    assert "<figcaption>A concert in Ishøj.</figcaption>" in in_english
    assert in_english.count('alt=""') == danish.count('alt=""') > 0
    municipality = Municipality.objects.get(slug="ishoj", locale__language_code="en")
    assert municipality.description == "Ishøj chairs the partnership."

    before = counts()
    out, err = import_content(tmp_path)
    assert (counts(), err) == (before, "")


def broken(name: str, text: str, field: str | None):
    return pytest.param(name, text, field, id=name.split(".")[0])


@pytest.mark.parametrize(
    ("name", "text", "field"),
    [
        broken(
            "missing-title.yaml",
            "type: home.StandardPage\nparent: /\nslug: x\n",
            "title",
        ),
        broken(
            "unknown-type.yaml",
            "type: home.NoSuchPage\nparent: /\nslug: x\ntitle: X\n",
            "type",
        ),
        broken(
            "unknown-parent.yaml",
            "type: home.StandardPage\nparent: /findes-ikke/\nslug: x\ntitle: X\n",
            "parent",
        ),
        broken(
            "bad-date.yaml",
            "type: news.NewsPage\nparent: /nyt/\nslug: x\ntitle: X\ndate: 2024-02-30\n",
            "date",
        ),
        broken(
            "bad-item.yaml",
            "model: municipalities.Municipality\nitems:\n"
            "  - {slug: roskilde, name: Roskilde}\n"
            "  - {slug: koge, name: Køge}\n"
            "  - {slug: herlev, name: Herlev, website: not a web address}\n",
            "items[2].website",
        ),
        broken(
            "bad-translation.yaml",
            "type: home.StandardPage\nparent: /\nslug: x\ntitle: X\n"
            "translations:\n  en: {title: X, teaser: Y}\n",
            "translations.en.teaser",
        ),
        broken("syntax.yaml", "type: home.StandardPage\ntitle: [X\nslug: x\n", None),
    ],
)
def test_a_bad_document_is_named_and_leaves_nothing(tmp_path, name, text, field):
    folder = good_folder(tmp_path)
    import_content(folder)  # the good documents are in place
    write(folder, {f"3-{name}": text})
    before = counts()

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_content", str(folder), stdout=out, stderr=err)

    assert "1 " in str(raised.value)  # one of the documents failed
    (line,) = err.getvalue().splitlines()
    assert f"3-{name}" in line
    if field:
        assert f"“{field}”" in line
    else:
        assert re.search(r"\(\w+ 3\)", line), line  # the line of the YAML error
    assert counts() == before
    assert not Page.objects.filter(slug="x").exists()
    assert not Municipality.objects.filter(slug__in=["roskilde", "koge"]).exists()


def test_a_folder_that_is_not_there(tmp_path):
    with pytest.raises(CommandError, match="findes-ikke"):
        call_command("import_content", str(tmp_path / "findes-ikke"))
