"""Admin views for the secretariat: the list of issues with progress, and sending.

Both need the ``newsletter.send_newsletter`` permission (also for crafted POSTs).
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from .models import Delivery, NewsletterPage, issue_progress
from .sending import issue_translations
from .tasks import schedule_issue

SEND_PERMISSION = "newsletter.send_newsletter"


class SendPermissionMixin(PermissionRequiredMixin):
    permission_required = SEND_PERMISSION
    raise_exception = True


class IssueListView(SendPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every issue (one row per translation family) with its sending progress."""

    template_name = "newsletter/admin/issue_list.html"
    page_title = gettext_lazy("Newsletter sending")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        default_locale = Locale.get_default()
        issues = list(
            NewsletterPage.objects.filter(locale=default_locale).order_by(
                "-first_published_at", "-pk"
            )[:100]
        )
        counts: dict = {}
        rows = (
            Delivery.objects.filter(issue_key__in=[i.translation_key for i in issues])
            .values_list("issue_key", "status")
            .annotate(n=Count("pk"))
        )
        for key, status, n in rows:
            counts.setdefault(key, {})[status] = n
        context["rows"] = [
            {
                "issue": issue,
                "sent": counts.get(issue.translation_key, {}).get("sent", 0),
                "failed": counts.get(issue.translation_key, {}).get("failed", 0),
                "total": sum(counts.get(issue.translation_key, {}).values()),
                "url": reverse("newsletter_send", args=[issue.pk]),
            }
            for issue in issues
        ]
        return context


class SendIssueView(SendPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Shows who an issue goes to and its progress; POST starts or resumes sending."""

    template_name = "newsletter/admin/send.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.issue = get_object_or_404(
            NewsletterPage.objects.select_related("locale"), pk=kwargs["page_id"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Send newsletter")

    def get_page_subtitle(self):
        return self.issue.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        translations = issue_translations(self.issue)
        live_codes = {t.locale.language_code for t in translations}
        context.update(
            {
                "issue": self.issue,
                "languages": [
                    {
                        "code": t.locale.language_code,
                        "name": t.locale.get_display_name(),
                        "title": t.title,
                        "matching": t.matching_subscribers().count(),
                    }
                    for t in translations
                ],
                "missing_languages": [
                    locale.get_display_name()
                    for locale in Locale.objects.exclude(language_code__in=live_codes)
                ],
                "progress": issue_progress(self.issue.translation_key),
                "can_send": bool(translations),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        if not issue_translations(self.issue):
            messages.error(request, _("Publish the issue before sending it."))
            return redirect("newsletter_send", self.issue.pk)
        created = schedule_issue(self.issue)
        messages.success(
            request,
            _("Sending started: %(count)s new e-mails queued.") % {"count": created},
        )
        return redirect("newsletter_send", self.issue.pk)
