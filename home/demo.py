"""Demo content of the home app: the site settings shown in every footer."""

from wagtail.models import Site

from home.models import SiteSettings


def load(command) -> None:
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "organisation_name": "Kulturmetropolen",
            "address": "Sekretariatet, Ishøj Kommune\nIshøj Store Torv 20\n2635 Ishøj",
            "email": "kulturmetropolen@example.org",
            "phone": "+45 00 00 00 00",
            "facebook_url": "https://www.facebook.com/kulturmetropolen",
            "instagram_url": "https://www.instagram.com/kulturmetropolen",
            "linkedin_url": "https://www.linkedin.com/company/kulturmetropolen",
        },
    )
