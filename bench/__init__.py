"""The benchmarks (make bench, make loadtest), their data and commands.

No app imports it; its management commands are bench_search and bench_newsletter.
"""
