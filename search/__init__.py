"""The search page, its results cache, promoted results and per-language backends."""
