"""Home and standard pages, site settings, shared blocks; routing and visibility.

The page machinery every app uses: routing, visibility, the per-request memo.
"""
