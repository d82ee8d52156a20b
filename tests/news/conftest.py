import pytest

from tests.factories import NewsIndexPageFactory


@pytest.fixture
def news_index(homes):
    """A live Danish news index at /nyheder/."""
    return NewsIndexPageFactory(parent=homes["da"], title="Nyheder", slug="nyheder")
