"""The benchmark (make bench), its data and its management commands (bench_search,
bench_newsletter); no other app imports it.
"""
