"""Counting searches the proxy in front answered (SEARCH_HITS_COUNTED_IN_FRONT).

nginx (deploy/nginx.conf) sends one syslog datagram per search request, answered
from its cache or not, to ``manage.py count_searches``, which counts each
first-page search as the search view would (``results.log_query``) and writes
the counts to the popular-searches report in batches. UDP: nginx never waits for
it, and a datagram lost under load is a search not counted.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from urllib.parse import parse_qs, urlsplit

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from .results import clean_query

#: What precedes the address in each datagram (deploy/nginx.conf's log_format).
MARKER = "search-hit "


def searched_text(datagram: bytes) -> str | None:
    """The search counted for one logged request: its cleaned words, or None
    (not a search, no words, or a later page of results)."""
    line = datagram.decode("utf-8", errors="replace")
    _before, found, address = line.partition(MARKER)
    if not found:
        return None
    parameters = parse_qs(urlsplit(address.strip()).query, keep_blank_values=True)
    if parameters.get("page", ["1"])[0] not in ("", "1"):
        return None  # paging through results is not another search
    query = clean_query(parameters.get("q", [""])[0])
    return query.text if query else None


def record(counts: Counter, day: date | None = None) -> None:
    """Adds ``counts`` (search text -> hits) to the report's daily hits."""
    day = day or timezone.localdate()
    with transaction.atomic():
        for text, hits in counts.items():
            daily, _created = QueryDailyHits.objects.get_or_create(
                query=Query.get(text), date=day
            )
            QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)
