"""Page, fragment and routing caches, the Redis client, and what a change drops.

See caching/README.md.
"""
