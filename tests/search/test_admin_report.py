import pytest
from django.contrib.auth.models import Permission
from wagtail.contrib.search_promotions.models import Query

pytestmark = pytest.mark.django_db


def make_user(django_user_model, *codenames: str):
    user = django_user_model.objects.create_user(
        username="someone", email="someone@example.org", password="x"
    )
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", *codenames])
    )
    return user


def test_secretariat_sees_popular_searches_in_the_reports_menu(
    client, django_user_model
):
    Query.get("kulturnat").add_hit()
    Query.get("kulturnat").add_hit()
    Query.get("bibliotek").add_hit()
    client.force_login(make_user(django_user_model, "change_searchpromotion"))

    dashboard = client.get("/admin/")
    report = client.get("/admin/reports/popular-searches/")

    assert "/admin/reports/popular-searches/" in dashboard.content.decode()
    assert report.status_code == 200
    rows = [
        (query.query_string, query._hits) for query in report.context["object_list"]
    ]
    assert rows == [("kulturnat", 2), ("bibliotek", 1)]


def test_editors_without_the_permission_cannot_see_what_people_search(
    client, django_user_model
):
    client.force_login(make_user(django_user_model))

    response = client.get("/admin/reports/popular-searches/")

    assert response.status_code == 302
    assert (
        "/admin/reports/popular-searches/" not in client.get("/admin/").content.decode()
    )
