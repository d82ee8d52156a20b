from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from contacts.models import Person
from contacts.vcard import person_vcard
from home.models import SiteSettings


@require_safe
def vcard(request: HttpRequest, pk: int) -> HttpResponse:
    """Downloads one person's contact card as vCard 3.0; 404 for an unknown id."""
    person = get_object_or_404(Person.objects.select_related("municipality"), pk=pk)
    organisation = SiteSettings.for_request(request).organisation_name
    response = HttpResponse(
        person_vcard(person, organisation), content_type="text/vcard; charset=utf-8"
    )
    filename = slugify(person.name) or f"person-{person.pk}"
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response
