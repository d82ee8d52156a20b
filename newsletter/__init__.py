"""Subscribers with double opt-in, newsletter issues and their resumable sending."""
