"""The municipalities: the Municipality snippet and page ownership by municipality."""
