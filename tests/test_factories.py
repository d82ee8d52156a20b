import pytest

from tests.factories import NewsIndexPageFactory, NewsPageFactory


@pytest.mark.django_db
def test_news_post_is_created_in_the_danish_tree(homes):
    index = NewsIndexPageFactory(parent=homes["da"])
    post = NewsPageFactory(parent=index)

    assert post.locale.language_code == "da"
    assert post.get_parent().specific == index
