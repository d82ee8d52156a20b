"""Development on one machine: debug on, a fixed key that only works here."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
