import io

import pytest
from django.core.management import call_command

from newsletter.models import Delivery, NewsletterPage, Subscriber

pytestmark = pytest.mark.django_db


def test_bench_prints_figures_per_step_and_leaves_nothing_behind(homes):
    out = io.StringIO()

    call_command("bench_newsletter", count=40, step=20, stdout=out)

    lines = out.getvalue().splitlines()
    progress = [line for line in lines if " e-mails  total " in line]
    assert len(progress) == 2
    assert all("peak RSS" in line for line in progress)
    assert any("40 e-mails rendered and handed over" in line for line in lines)
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()
    assert not NewsletterPage.objects.exists()
