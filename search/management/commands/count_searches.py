"""Receives nginx's search log and counts the searches (search/hits.py)."""

import socket
import time
from collections import Counter

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from search.hits import record, searched_text


class Command(BaseCommand):
    help = (
        "Listens for nginx's syslog datagrams of search requests (deploy/nginx.conf) "
        "and adds them to the popular-searches report every --interval seconds. "
        "Run one per nginx, with SEARCH_HITS_COUNTED_IN_FRONT set on the nodes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="127.0.0.1:5140", help="HOST:PORT")
        parser.add_argument("--interval", type=float, default=5.0)

    def handle(self, *args, listen: str, interval: float, **options):
        host, port = listen.rsplit(":", 1)
        receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        receiver.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
        receiver.bind((host, int(port)))
        receiver.settimeout(interval)
        counts: Counter = Counter()
        flushed = time.monotonic()
        while True:
            try:
                text = searched_text(receiver.recv(65536))
                if text:
                    counts[text] += 1
            except TimeoutError:
                pass
            if counts and time.monotonic() - flushed >= interval:
                close_old_connections()
                try:
                    record(counts)
                except Exception as error:  # the database away: keep them
                    self.stderr.write(f"Could not record the searches: {error}")
                else:
                    counts.clear()
                flushed = time.monotonic()
