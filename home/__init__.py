"""The home page, standard pages, site settings, the shared blocks and the page
machinery every app uses (routing, visibility, the per-request memo).
"""
