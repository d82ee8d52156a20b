"""The demo users: one per role. The demo content itself is data (``demo/``).

The passwords are for the demo only; ``load_demo_content`` refuses to run in
production. Idempotent: users are looked up by username.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from editorial.roles import EDITOR_PREFIX, SECRETARIAT, TRANSLATORS

DEMO_PASSWORD_SUFFIX = "-demo-2026"

# (username, first name, last name, group)
DEMO_USERS = [
    ("sekretariat", "Sara", "Sekretær", SECRETARIAT),
    ("redaktor-roskilde", "Rasmus", "Redaktør", f"{EDITOR_PREFIX}Roskilde"),
    ("redaktor-koge", "Karen", "Redaktør", f"{EDITOR_PREFIX}Køge"),
    ("oversaetter", "Oskar", "Oversætter", TRANSLATORS),
]

LOGINS = [
    f"{username} / {username}{DEMO_PASSWORD_SUFFIX} ({group})"
    for username, _first, _last, group in DEMO_USERS
]

#: The Roskilde editor's draft awaiting approval (demo/4-pages/7-nyheder/).
DEMO_SUBMISSION_SLUG = "roskilde-inviterer-til-lydvandring"


def ensure_demo_users() -> None:
    """Creates the demo users and puts each in its group, once the group exists."""
    User = get_user_model()
    for username, first_name, last_name, group_name in DEMO_USERS:
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
