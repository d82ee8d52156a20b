"""Editorial roles and the secretariat's approval task.

The roles themselves are data (``auth.Group`` rows with permissions), built by
:func:`editorial.roles.ensure_roles`; the models here only record which group and
which collection belong to which municipality, and how an approval behaves.
"""

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, Collection


class MunicipalEditorRole(models.Model):
    """Links one municipality (all its translations) to its editor group and collection.

    A municipality is identified by its ``translation_key`` so that the Danish,
    English and Swedish versions of "Roskilde" share one group.
    """

    municipality_key = models.UUIDField(
        verbose_name=_("municipality translation key"), unique=True
    )
    group = models.OneToOneField(
        Group,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="municipal_editor_role",
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("municipal editor role")
        verbose_name_plural = _("municipal editor roles")

    def __str__(self):
        return self.group.name


class RequiredCommentForm(TaskStateCommentForm):
    """The comment form for "Request changes": an editor must learn what to change."""

    comment = forms.CharField(
        label=_("Comment"),
        required=True,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Tell the editor what needs to change."),
    )


class SecretariatApprovalTask(AbstractGroupApprovalTask):
    """A group approval in which nobody approves or rejects their own submission.

    The submitter is whoever started the workflow or wrote the revision under
    review. They see no approval actions, and :meth:`on_action` refuses crafted
    requests. Requesting changes needs a comment.
    """

    @staticmethod
    def is_own_submission(task_state, user) -> bool:
        """True if ``user`` started the workflow or wrote the revision in review."""
        if task_state is None:
            return False
        submitters = {task_state.workflow_state.requested_by_id}
        if task_state.revision_id:
            submitters.add(task_state.revision.user_id)
        return user.pk in submitters

    def get_actions(self, obj, user):
        task_state = getattr(obj, "current_workflow_task_state", None)
        if self.is_own_submission(task_state, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
        )

    def get_form_for_action(self, action):
        if action == "reject":
            return RequiredCommentForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name in ("approve", "reject") and self.is_own_submission(
            task_state, user
        ):
            raise PermissionDenied(_("You cannot review your own submission."))
        if action_name == "reject" and not str(kwargs.get("comment") or "").strip():
            raise PermissionDenied(_("Requesting changes needs a comment."))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve or request changes; "
            "nobody reviews their own submission."
        )

    class Meta:
        verbose_name = _("secretariat approval task")
        verbose_name_plural = _("secretariat approval tasks")
