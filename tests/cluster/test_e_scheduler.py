"""Two schedulers started at once publish a scheduled page once: only the one
holding the PostgreSQL advisory lock runs the jobs."""

import time
import uuid

import psycopg

from editorial.management.commands.run_scheduler import SCHEDULER_LOCK
from tests.cluster.browser import Browser, poll
from tests.cluster.conftest import shell


def schedule_post(cluster, slug: str, seconds: int) -> None:
    shell(
        cluster,
        "import json, datetime\nfrom django.utils import timezone\n"
        "from news.models import NewsIndexPage, NewsPage\n"
        "index = NewsIndexPage.objects.get(locale__language_code='da')\n"
        f"post = NewsPage(title='Planlagt {slug}', slug='{slug}', live=False,\n"
        "    date=datetime.date.today(), lead='Udgives af planlæggeren.')\n"
        "index.add_child(instance=post)\n"
        "post.go_live_at = timezone.now() + datetime.timedelta("
        f"seconds={seconds})\n"
        "post.save_revision().publish()\n"
        "print(json.dumps(post.pk))\n",
    )


def test_no_scheduler_runs_the_jobs_while_another_holds_the_lock(cluster, site_map):
    slug = f"laast-{uuid.uuid4().hex[:8]}"
    path = f"{site_map['da']['news_index']}{slug}/"
    public = Browser(cluster.public_url)
    database_url = cluster.environment()["DATABASE_URL"]
    with psycopg.connect(database_url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [SCHEDULER_LOCK])
        schedule_post(cluster, slug, seconds=1)
        time.sleep(4)  # the cluster's scheduler (every second) had its rounds
        assert public.get(path).status == 404
        holder.execute("SELECT pg_advisory_unlock(%s)", [SCHEDULER_LOCK])
    assert poll(lambda: public.get(path).status == 200, 30) is not None


def test_two_schedulers_publish_a_scheduled_page_once(cluster, site_map):
    for scheduler in cluster.schedulers:
        scheduler.stop()
    started = [cluster.start_scheduler(), cluster.start_scheduler()]
    slug = f"planlagt-{uuid.uuid4().hex[:8]}"
    try:
        schedule_post(cluster, slug, seconds=6)
        path = f"{site_map['da']['news_index']}{slug}/"
        public = Browser(cluster.public_url)
        assert public.get(path).status == 404
        assert poll(lambda: public.get(path).status == 200, 60) is not None
        time.sleep(3)  # both schedulers have had several rounds since

        published = shell(
            cluster,
            "import json\nfrom wagtail.models import PageLogEntry\n"
            "from news.models import NewsPage\n"
            f"post = NewsPage.objects.get(slug='{slug}')\n"
            "print(json.dumps(list(PageLogEntry.objects.filter(page=post)"
            ".values_list('action', flat=True))))\n",
        )
        # The scheduler's publish is logged as wagtail.publish.scheduled.
        assert published.count("wagtail.publish.scheduled") == 1, published
        assert all(scheduler.alive for scheduler in started)
    finally:
        for scheduler in started:
            scheduler.stop()
        cluster.start_scheduler()
