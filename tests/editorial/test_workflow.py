"""The approval workflow, driven through the real admin views."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from editorial.tasks import send_workflow_notification
from tests.editorial.helpers import create_news, edit_news, latest


def workflow_action(client, page, action: str, headers=None, **data):
    task_state = page.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk)
    )
    return client.post(url, data, headers=headers)


def assert_denied(response) -> None:
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard."""
    if response.status_code != 403:
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")


@pytest.fixture
def submit(client, news_indexes, django_capture_on_commit_callbacks):
    """Logs in ``user``, creates a news post in ``language`` and submits it."""

    def run(user, title="Ny festival i Roskilde", language="da", **extra):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = create_news(
                client, news_indexes[language], title, action="action-submit", **extra
            )
        assert response.status_code == 302, response.content[:2000]
        return latest(title)

    return run


def test_editor_is_offered_no_publish_action(client, roskilde_editor, news_indexes):
    client.force_login(roskilde_editor)
    url = reverse(
        "wagtailadmin_pages:add", args=("news", "newspage", news_indexes["da"].pk)
    )
    response = client.get(url)
    assert response.status_code == 200
    assert b'name="action-publish"' not in response.content
    assert b'name="action-submit"' in response.content


def test_crafted_publish_post_does_not_publish(client, roskilde_editor, news_indexes):
    client.force_login(roskilde_editor)
    create_news(client, news_indexes["da"], "Hemmelig nyhed", action="action-publish")
    page = latest("Hemmelig nyhed")
    assert not page.live

    edit_news(client, page, action="action-publish")
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url or "/nyheder/hemmelig-nyhed/").status_code == 404


def test_submit_approve_publishes_and_notifies(
    client,
    submit,
    roskilde_editor,
    secretary,
    django_capture_on_commit_callbacks,
    municipalities,
):
    page = submit(roskilde_editor)
    assert page.owner_municipality.translation_key == (
        municipalities["roskilde"].translation_key
    )
    assert page.workflow_in_progress
    to_secretary = [m for m in mail.outbox if secretary.email in m.to]
    assert len(to_secretary) == 1
    # The secretary reads the admin in English.
    assert "Ny festival i Roskilde" in to_secretary[0].subject
    assert to_secretary[0].body.startswith("Hello ")
    mail.outbox.clear()

    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = workflow_action(client, page, "approve")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert client.get("/nyheder/ny-festival-i-roskilde/").status_code == 200
    assert [m.to for m in mail.outbox] == [[roskilde_editor.email]]
    # The editor reads the admin in Danish.
    assert mail.outbox[0].body.startswith("Hej ")


def test_request_changes_needs_a_comment_and_mails_it(
    client, submit, roskilde_editor, secretary, django_capture_on_commit_callbacks
):
    page = submit(roskilde_editor)
    mail.outbox.clear()
    client.force_login(secretary)

    response = workflow_action(client, page, "reject")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress, "rejected without a comment"

    response = workflow_action(
        client, page, "reject", headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert b"This field is required" in response.content

    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, page, "reject", comment="Tilføj et billede.")
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == "needs_changes"
    assert [m.to for m in mail.outbox] == [[roskilde_editor.email]]
    assert "Tilføj et billede." in mail.outbox[0].body

    client.force_login(roskilde_editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert client.get(edit_url).status_code == 200


def test_crafted_reject_without_comment_is_refused(
    client, submit, roskilde_editor, secretary
):
    page = submit(roskilde_editor)
    client.force_login(secretary)
    response = edit_news(
        client,
        page,
        **{
            "action-workflow-action": "1",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": "{}",
        },
    )
    assert_denied(response)
    page.refresh_from_db()
    assert page.current_workflow_state.status == "in_progress"


def test_secretariat_cannot_approve_its_own_submission(
    client, submit, secretary, second_secretary
):
    page = submit(secretary, title="Sekretariatets nyhed")
    assert page.workflow_in_progress

    assert_denied(workflow_action(client, page, "approve"))
    edit_news(
        client,
        page,
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    page.refresh_from_db()
    assert not page.live

    client.force_login(second_secretary)
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert page.live


def test_english_tree_needs_approval_too(client, submit, roskilde_editor, secretary):
    page = submit(roskilde_editor, title="Festival news", language="en")
    assert page.locale.language_code == "en"
    assert page.workflow_in_progress
    assert not page.live
    client.force_login(secretary)
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert page.live


def test_approved_future_go_live_waits_for_publish_scheduled(
    client, submit, roskilde_editor, secretary
):
    go_live = timezone.now() + datetime.timedelta(hours=2)
    page = submit(
        roskilde_editor,
        title="Planlagt nyhed",
        go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
    )
    client.force_login(secretary)
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert not page.live
    assert page.scheduled_revision is not None

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live

    later = timezone.now() + datetime.timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("run_scheduler", "--once")
    page.refresh_from_db()
    assert page.live
    assert client.get("/nyheder/planlagt-nyhed/").status_code == 200


def test_mail_server_down_does_not_fail_the_submission(
    client,
    news_indexes,
    roskilde_editor,
    secretary,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens on the discard port
    settings.EMAIL_TIMEOUT = 2
    client.force_login(roskilde_editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = create_news(
            client, news_indexes["da"], "Nyhed uden mail", action="action-submit"
        )
    assert callbacks, "no notification was queued"
    assert response.status_code == 302
    assert latest("Nyhed uden mail").workflow_in_progress


def test_notifications_go_through_the_task_queue(
    client,
    news_indexes,
    roskilde_editor,
    secretary,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    client.force_login(roskilde_editor)
    with django_capture_on_commit_callbacks(execute=True):
        create_news(client, news_indexes["da"], "Kø-nyhed", action="action-submit")
    assert mail.outbox == []
    queued = [
        result
        for result in default_task_backend.results
        if result.task.func == send_workflow_notification.func
    ]
    assert {result.args[0] for result in queued} == {
        "task_submitted",
        "workflow_submitted",
    }
    for result in queued:
        send_workflow_notification.call(*result.args)
    assert [m.to for m in mail.outbox] == [[secretary.email]]
    body = mail.outbox[0].body
    assert "Municipality: Roskilde" in body
    assert 'has submitted "Kø-nyhed" for approval' in body
