"""Background tasks of the editorial workflow (django-tasks)."""

import logging

from django.contrib.auth import get_user_model
from django_tasks import task
from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState

logger = logging.getLogger(__name__)


class SubmissionToSecretariatNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's submission e-mail, with the submitter and the municipality."""

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        context["task_state"] = task_state
        context["submitter"] = task_state.workflow_state.requested_by
        page = context.get("page")
        context["municipality"] = getattr(page, "owner_municipality", None)
        return context


# Wagtail's notifiers render the e-mail templates (ours override Wagtail's in
# site/templates/wagtailadmin/notifications/) in each recipient's admin
# language (UserProfile.preferred_language).
NOTIFIERS = {
    "task_submitted": (TaskState, SubmissionToSecretariatNotifier()),
    "workflow_submitted": (WorkflowState, WorkflowStateSubmissionEmailNotifier()),
    "workflow_approved": (WorkflowState, WorkflowStateApprovalEmailNotifier()),
    "workflow_rejected": (WorkflowState, WorkflowStateRejectionEmailNotifier()),
}


class NotificationNotSent(Exception):
    """Raised so the task result records a notification the mail server refused."""


@task()
def send_workflow_notification(
    event: str, instance_id: int, triggering_user_id: int | None
) -> bool:
    """Sends the e-mails of one workflow event. Returns True when all were sent.

    Raises NotificationNotSent if any e-mail failed, so the failure shows in
    the task results (``manage.py db_worker`` logs it) instead of in the
    editor's request.
    """
    model, notifier = NOTIFIERS[event]
    instance = model.objects.filter(pk=instance_id).first()
    if instance is None:
        logger.info("Workflow %s %s no longer exists", event, instance_id)
        return False
    user = None
    if triggering_user_id is not None:
        user = get_user_model().objects.filter(pk=triggering_user_id).first()
    if not notifier(instance=instance, user=user):
        raise NotificationNotSent(f"{event} {instance_id}")
    return True
