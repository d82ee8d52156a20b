"""A newsletter issue sent while two workers run reaches every confirmed subscriber
exactly once, also when one worker is killed (SIGKILL) half-way; and when both are
killed, the scheduler resumes the send on the workers started after them.

Over SMTP "exactly once" holds up to one window nobody can close (newsletter/
sending.py): a worker killed after the mail server stored a message and before it
recorded the "250" leaves that delivery in doubt, and it is sent again with the
same Message-ID. The tests hold each side of that window on purpose, and check
that a second copy only ever comes from a delivery recorded as interrupted."""

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


def interrupted(cluster, issue_id: int) -> dict[str, int]:
    """The deliveries of the issue recorded as in doubt: address -> how often."""
    return shell(
        cluster,
        "import json\nfrom newsletter.models import Delivery\n"
        f"rows = Delivery.objects.filter(issue_id={issue_id}, "
        "interrupted_attempts__gt=0)\n"
        "print(json.dumps({d.subscriber.email: d.interrupted_attempts "
        "for d in rows.select_related('subscriber')}))\n",
    )


def handover_window(cluster, issue_id: int) -> str:
    """From the sink's "250" to the worker's clock reading just before it records
    "sent" (Django closes the SMTP connection in between): the part of the window
    for a second copy before the UPDATE, whose round trip ends it."""
    sent_at = shell(
        cluster,
        "import json\nfrom newsletter.models import Delivery\n"
        f"rows = Delivery.objects.filter(issue_id={issue_id}, status='sent')\n"
        "print(json.dumps({d.subscriber.email: d.sent_at.timestamp() "
        "for d in rows.select_related('subscriber')}))\n",
    )
    gaps = sorted(
        at - cluster.mail.accepted_at[address]
        for address, at in sent_at.items()
        if address in cluster.mail.accepted_at
    )
    if not gaps:
        return "no data"
    return (
        f"median {gaps[len(gaps) // 2] * 1000:.1f} ms, p99 "
        f"{gaps[int(len(gaps) * 0.99)] * 1000:.1f} ms, max {gaps[-1] * 1000:.1f} ms "
        f"(n={len(gaps)})"
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
        # One message per address, by Message-ID.
        assert set(messages.values()) == {1}, messages.most_common(3)
        assert deliveries(cluster, issue_id) == {"sent": len(expected)}
        copies = recipients(cluster, domain)
        sent_again = {address for address, count in copies.items() if count > 1}
        in_doubt = interrupted(cluster, issue_id)
        cluster.figures.setdefault("newsletter", {})[
            f"{'worker killed' if kill_a_worker else 'calm'}: subscribers, "
            "deliveries in doubt, copies sent again"
        ] = f"{len(expected)}, {len(in_doubt)}, {len(sent_again)}"
        # A second copy only of a delivery recorded in doubt, and at most the
        # one the killed worker was handing over.
        assert sent_again <= set(in_doubt), (sent_again, in_doubt)
        assert len(in_doubt) <= (1 if kill_a_worker else 0), in_doubt
        assert all(count == 2 for count in copies.values() if count > 1)
        if not kill_a_worker:
            cluster.figures["newsletter"]["from the sink's 250 to recording sent"] = (
                handover_window(cluster, issue_id)
            )
    finally:
        if kill_a_worker:
            cluster.start_worker()


def test_every_worker_killed_on_either_side_of_the_handover(cluster, editor_on_a):
    """Both workers killed at known points: one after the sink stored its message
    and before it answered "250", the other before the sink had its message. The
    scheduler enqueues the send again; the workers started afterwards (as a
    service manager would) finish it: the first address gets a second copy with
    the same Message-ID, recorded in doubt; the second and everyone else one."""
    domain = f"klynge-{uuid.uuid4().hex[:8]}.example.org"
    issue_id, confirmed = new_issue(cluster, domain)
    expected = set(confirmed)
    stored, not_stored = f"p20@{domain}", f"p21@{domain}"
    holds = [
        cluster.mail.hold(stored, "after-store"),
        cluster.mail.hold(not_stored, "before-store"),
    ]
    workers = cluster.workers[-2:]
    assert all(worker.alive for worker in workers)
    try:
        send(editor_on_a, issue_id)
        for hold in holds:
            assert hold.reached.wait(120), f"no worker reached {hold.recipient}"
        for worker in workers:
            worker.kill()
    finally:
        for hold in holds:
            hold.release()
    killed = time.monotonic()
    assert sum(recipients(cluster, domain).values()) < len(expected)
    for _ in workers:
        cluster.start_worker()
    wait_for(
        lambda: set(recipients(cluster, domain)) >= expected,
        120,
        "the send was not resumed",
    )
    cluster.figures.setdefault("newsletter", {})[
        "both workers killed: all delivered after (s)"
    ] = round(time.monotonic() - killed, 1)
    time.sleep(1)  # anything sent twice would have arrived by now
    messages = recipients(cluster, domain, distinct=True)
    assert set(messages) == expected
    assert set(messages.values()) == {1}, messages.most_common(3)
    copies = recipients(cluster, domain)
    assert copies[stored] == 2
    assert {address for address, count in copies.items() if count > 1} == {stored}
    assert interrupted(cluster, issue_id) == {stored: 1, not_stored: 1}
    assert deliveries(cluster, issue_id) == {"sent": len(expected)}
