"""The production WSGI application with media files served beside it.

``make lighthouse`` runs gunicorn on this: in production nginx or a CDN serves
/media/ (deploy/nginx.conf); here WhiteNoise stands in for it, so pictures load
as they would there.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as django_application

application = WhiteNoise(
    django_application,
    root=settings.MEDIA_ROOT,
    prefix=settings.MEDIA_URL,
    autorefresh=True,  # renditions are made while the pages are visited
    max_age=60 * 60 * 24 * 365,
)
