"""The caches in front of the pages: full pages, fragments, per-process routes, the
Redis client, and what each change drops (see caching/README.md).
"""
