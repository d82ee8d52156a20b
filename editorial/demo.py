"""Demo part of the editorial app: one demo user per role and one submission.

Runs last (after the municipalities and the news index exist). Idempotent:
users are looked up by username, the demo submission by slug. The passwords
are for the demo only; ``load_demo_content`` refuses to run in production.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Workflow
from wagtail.users.models import UserProfile

from editorial.roles import (
    EDITOR_PREFIX,
    SECRETARIAT,
    TRANSLATORS,
    WORKFLOW_NAME,
    ensure_roles,
)
from municipalities.models import Municipality
from news.models import NewsIndexPage, NewsPage

DEMO_PASSWORD_SUFFIX = "-demo-2026"

# (username, first name, last name, group, municipality slug or None)
DEMO_USERS = [
    ("sekretariat", "Sara", "Sekretær", SECRETARIAT, None),
    ("redaktor-roskilde", "Rasmus", "Redaktør", f"{EDITOR_PREFIX}Roskilde", "roskilde"),
    ("redaktor-koge", "Karen", "Redaktør", f"{EDITOR_PREFIX}Køge", "koge"),
    ("oversaetter", "Oskar", "Oversætter", TRANSLATORS, None),
]

LOGINS = [
    f"{username} / {username}{DEMO_PASSWORD_SUFFIX} ({group})"
    for username, _first, _last, group, _municipality in DEMO_USERS
]

DEMO_SUBMISSION_SLUG = "roskilde-inviterer-til-lydvandring"


def load(command) -> None:
    ensure_roles()
    users = {}
    for username, first_name, last_name, group_name, _slug in DEMO_USERS:
        users[username] = _demo_user(username, first_name, last_name, group_name)
    _demo_submission(users["redaktor-roskilde"])


def _demo_user(username: str, first_name: str, last_name: str, group_name: str):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username)
        user.set_password(f"{username}{DEMO_PASSWORD_SUFFIX}")
    user.first_name = first_name
    user.last_name = last_name
    user.email = f"{username}@example.org"
    user.save()
    group = Group.objects.filter(name=group_name).first()
    if group is not None:
        user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    if not profile.preferred_language:
        profile.preferred_language = "da"
        profile.save(update_fields=["preferred_language"])
    return user


def _demo_submission(editor) -> None:
    """A Roskilde draft awaiting the secretariat, so the dashboards show a queue."""
    danish = Locale.objects.get(language_code="da")
    index = NewsIndexPage.objects.filter(locale=danish).first()
    roskilde = Municipality.objects.filter(slug="roskilde", locale=danish).first()
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if not (index and roskilde and workflow):
        return
    if NewsPage.objects.filter(slug=DEMO_SUBMISSION_SLUG).exists():
        return
    page = NewsPage(
        title="Roskilde inviterer til lydvandring",
        slug=DEMO_SUBMISSION_SLUG,
        lead=(
            "En ny lydvandring fører gæster gennem byens gårde med fortællinger "
            "fra lokale musikere. Kladden venter på sekretariatets godkendelse."
        ),
        owner_municipality=roskilde,
        live=False,
        owner=editor,
    )
    index.add_child(instance=page)
    page.save_revision(user=editor)
    workflow.start(page, editor)
