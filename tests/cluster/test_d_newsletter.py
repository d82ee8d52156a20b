"""A newsletter issue sent while two workers run reaches every confirmed subscriber
exactly once, also when one worker is killed (SIGKILL) half-way."""

import time
import uuid
from collections import Counter
from email.parser import BytesHeaderParser

import pytest

from tests.cluster.browser import form_fields
from tests.cluster.conftest import shell

SUBSCRIBERS = 150


def new_issue(cluster, domain: str) -> tuple[int, list[str]]:
    """A new live issue and SUBSCRIBERS confirmed subscribers at ``domain`` (plus
    some who never confirmed or left); returns the issue's id and the addresses
    of every confirmed subscriber (earlier tests' too)."""
    return shell(
        cluster,
        "import json\n"
        "from newsletter.models import NewsletterPage, Subscriber\n"
        "archive = NewsletterPage.objects.first().get_parent()\n"
        f"issue = NewsletterPage(title='Klyngebrev {domain}',\n"
        f"    slug='{domain.split('.')[0]}',\n"
        "    intro='<p>Til alle.</p>')\n"
        "archive.add_child(instance=issue)\n"
        "issue.save_revision().publish()\n"
        "Subscriber.objects.bulk_create(\n"
        f"    [Subscriber(email=f'p{{n}}@{domain}', language='da',\n"
        "                status='confirmed')\n"
        f"     for n in range({SUBSCRIBERS})]\n"
        f"    + [Subscriber(email=f'pending{{n}}@{domain}', language='da') "
        "for n in range(5)]\n"
        f"    + [Subscriber(email=f'gone{{n}}@{domain}', language='da', "
        "status='unsubscribed') for n in range(5)])\n"
        "confirmed = Subscriber.objects.filter(status='confirmed')\n"
        "emails = list(confirmed.values_list('email', flat=True))\n"
        "print(json.dumps([issue.pk, emails]))\n",
    )


def recipients(cluster, domain: str, *, distinct: bool = False) -> Counter:
    """How many copies of the issue for ``domain`` each address received (with
    ``distinct``: how many different messages, by Message-ID)."""
    parser = BytesHeaderParser()
    seen = set()
    counts = Counter()
    for message in cluster.mail.messages():
        headers = parser.parsebytes(message)
        if domain not in headers.get("Subject", ""):
            continue
        key = (headers.get("To", ""), headers.get("Message-ID"))
        if distinct and key in seen:
            continue
        seen.add(key)
        counts[key[0]] += 1
    return counts


def deliveries(cluster, issue_id: int) -> dict[str, int]:
    return shell(
        cluster,
        "import json\nfrom django.db.models import Count\n"
        "from newsletter.models import Delivery\n"
        f"rows = Delivery.objects.filter(issue_id={issue_id}).values('status')"
        ".annotate(n=Count('pk'))\n"
        "print(json.dumps({row['status']: row['n'] for row in rows}))\n",
    )


def send(editor, issue_id: int) -> None:
    path = f"/admin/newsletter/issues/{issue_id}/send/"
    fields = form_fields(
        editor.get(path).text, lambda attrs: attrs.get("method", "").lower() == "post"
    )
    response = editor.post(path, fields)
    assert response.status == 302, response.text[:3000]


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


@pytest.mark.parametrize("kill_a_worker", [False, True], ids=["calm", "worker killed"])
def test_issue_reaches_every_confirmed_subscriber_exactly_once(
    cluster, editor_on_a, kill_a_worker
):
    domain = f"klynge-{uuid.uuid4().hex[:8]}.example.org"
    issue_id, confirmed = new_issue(cluster, domain)
    expected = set(confirmed)
    assert all(worker.alive for worker in cluster.workers[-2:])

    send(editor_on_a, issue_id)
    if kill_a_worker:
        wait_for(
            lambda: sum(recipients(cluster, domain).values()) >= 10,
            30,
            "sending did not start",
        )
        victim = cluster.workers[-2]
        victim.kill()
        killed_after = sum(recipients(cluster, domain).values())
        assert killed_after < len(expected), "all sent before the kill"
    try:
        wait_for(
            lambda: set(recipients(cluster, domain)) >= expected,
            120,
            "not every subscriber got the issue",
        )
        time.sleep(1)  # anything sent twice would have arrived by now
        messages = recipients(cluster, domain, distinct=True)
        assert set(messages) == expected
        assert set(messages.values()) == {1}, messages.most_common(3)
        assert deliveries(cluster, issue_id) == {"sent": len(expected)}
        copies = recipients(cluster, domain)
        resent = sum(count - 1 for count in copies.values())
        cluster.figures.setdefault("newsletter", {})[
            f"{'worker killed' if kill_a_worker else 'calm'}: subscribers, copies "
            "sent again"
        ] = f"{len(expected)}, {resent}"
        # Only a message the mail server took in the instant before the killed
        # worker's COMMIT goes out again, with the same Message-ID.
        assert resent <= (1 if kill_a_worker else 0), copies.most_common(3)
    finally:
        if kill_a_worker:
            cluster.start_worker()
