"""Reproducible load benchmark of the API against a raw asyncpg baseline (see README.md)."""
