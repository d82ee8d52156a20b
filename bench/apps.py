from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Holds the benchmark's management commands (bench_search, bench_newsletter)."""

    name = "bench"
    verbose_name = "Benchmarks"
