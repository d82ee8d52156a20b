from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import SEND_PERMISSION, IssueListView, SendIssueView
from .models import NewsletterPage, Subscriber

SUBSCRIBER_PERMISSIONS = [
    "view_subscriber",
    "add_subscriber",
    "change_subscriber",
    "delete_subscriber",
]


class SubscriberViewSet(ModelViewSet):
    """Subscribers for the secretariat: filter, search, export, erase on request."""

    model = Subscriber
    icon = "user"
    url_prefix = "newsletter/subscribers"
    menu_label = _("Subscribers")
    add_to_admin_menu = False
    list_display = ["email", "status", "language", "subscribed_at", "confirmed_at"]
    list_filter = ["status", "language", "focus_areas", "municipalities"]
    list_export = [
        "email",
        "status",
        "language",
        "subscribed_at",
        "confirmed_at",
        "withdrawn_at",
        "consent_text_version",
        "source_page",
    ]
    export_filename = "newsletter-subscribers"
    search_fields = ["email"]
    search_backend_name = None
    form_fields = ["email", "language", "status", "focus_areas", "municipalities"]
    inspect_view_enabled = True


subscriber_viewset = SubscriberViewSet("newsletter_subscribers")


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return subscriber_viewset


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permissions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.permissions = permissions

    def is_shown(self, request):
        return any(request.user.has_perm(p) for p in self.permissions)


@hooks.register("register_admin_menu_item")
def register_newsletter_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Subscribers"),
                reverse("newsletter_subscribers:index"),
                icon_name="user",
                order=100,
                permissions=[f"newsletter.{p}" for p in SUBSCRIBER_PERMISSIONS],
            ),
            PermissionMenuItem(
                _("Sending"),
                reverse("newsletter_issues"),
                icon_name="mail",
                order=200,
                permissions=[SEND_PERMISSION],
            ),
        ]
    )
    return SubmenuMenuItem(_("Newsletter"), menu, icon_name="mail", order=450)


@hooks.register("register_admin_urls")
def register_newsletter_urls():
    return [
        path("newsletter/issues/", IssueListView.as_view(), name="newsletter_issues"),
        path(
            "newsletter/issues/<int:page_id>/send/",
            SendIssueView.as_view(),
            name="newsletter_send",
        ),
    ]


@hooks.register("register_permissions")
def register_newsletter_permissions():
    return Permission.objects.filter(
        content_type__app_label="newsletter",
        codename__in=[*SUBSCRIBER_PERMISSIONS, "send_newsletter"],
    )


class SendNewsletterMenuItem(ActionMenuItem):
    label = _("Send newsletter…")
    name = "action-send-newsletter"
    icon_name = "mail"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, NewsletterPage)
            and page.live
            and context["request"].user.has_perm(SEND_PERMISSION)
        )

    def get_url(self, context):
        return reverse("newsletter_send", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_send_newsletter_menu_item():
    return SendNewsletterMenuItem(order=60)


class SubscriberCountsPanel(Component):
    """Dashboard panel: how many subscribers are confirmed, pending, unsubscribed."""

    name = "newsletter_subscribers"
    template_name = "newsletter/admin/dashboard_panel.html"
    order = 250

    def get_context_data(self, parent_context):
        from django.db.models import Count

        counts = dict(
            Subscriber.objects.values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        return {
            "counts": [
                (label, counts.get(value, 0))
                for value, label in Subscriber.Status.choices
            ],
            "index_url": reverse("newsletter_subscribers:index"),
        }


@hooks.register("construct_homepage_panels")
def add_subscriber_counts_panel(request, panels):
    if request.user.has_perm("newsletter.view_subscriber"):
        panels.append(SubscriberCountsPanel())
