"""Signal receivers: roles after migrate and per municipality; e-mail notifications."""

from django.apps import apps
from django.db import transaction
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from editorial import roles


def ensure_roles_after_migrate(sender, **kwargs) -> None:
    """Builds the roles once per ``migrate``, after the last app's permissions exist."""
    with_models = [app for app in apps.get_app_configs() if app.models_module]
    if sender is with_models[-1]:
        roles.ensure_roles()


def ensure_roles_for_municipality(sender, instance, raw=False, **kwargs) -> None:
    """Gives a new or renamed municipality its editor group and collection.

    Only that municipality's role: the other roles do not depend on it, and
    rebuilding all of them on every save made saving a municipality (and
    translating one) take about half a second.
    """
    if not raw:
        roles.ensure_editor_role(roles.representative(instance))


def sync_owned_page_permissions(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        roles.sync_page_permissions([instance])


def _enqueue(event: str):
    def receiver(sender, instance, user=None, **kwargs) -> None:
        from editorial.tasks import send_workflow_notification

        user_id = user.pk if user is not None else None
        transaction.on_commit(
            lambda: send_workflow_notification.enqueue(event, instance.pk, user_id)
        )

    receiver.__name__ = f"enqueue_{event}_notification"
    return receiver


def connect_notifications() -> None:
    """Sends Wagtail's workflow e-mails through the background-task queue.

    The receivers use the same ``dispatch_uid`` and sender as Wagtail's own
    (wagtail/admin/signal_handlers.py). Django ignores a second receiver with a
    known uid, so as long as this runs first (editorial precedes wagtail.admin in
    INSTALLED_APPS) Wagtail's synchronous senders are never connected and a mail
    server that is down cannot fail an editor's request.
    """
    for signal, sender, event, uid in (
        (
            task_submitted,
            TaskState,
            "task_submitted",
            "group_approval_task_submitted_email_notification",
        ),
        (
            workflow_submitted,
            WorkflowState,
            "workflow_submitted",
            "workflow_state_submitted_email_notification",
        ),
        (
            workflow_rejected,
            WorkflowState,
            "workflow_rejected",
            "workflow_state_rejected_email_notification",
        ),
        (
            workflow_approved,
            WorkflowState,
            "workflow_approved",
            "workflow_state_approved_email_notification",
        ),
    ):
        signal.connect(_enqueue(event), sender=sender, dispatch_uid=uid, weak=False)
