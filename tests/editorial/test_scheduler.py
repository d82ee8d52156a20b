import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db
def test_daily_jobs_give_sqlite_planner_statistics(demo_content):
    """Without statistics SQLite's planner walks every post of a language to find
    a post's neighbours; the scheduler's daily round refreshes them."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its own statistics (autovacuum)")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    call_command("run_scheduler", "--once")
    with connection.cursor() as cursor:
        cursor.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'news_newspage'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert "news_post_by_date" in indexes
