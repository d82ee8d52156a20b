"""News posts, the filterable news index and its RSS and Atom feeds."""
