"""The search page, its results cache, promoted results and the language-aware search
backends.
"""
