"""Errors of the event machinery that reach a caller."""

from __future__ import annotations

from domain.shared.errors import NotFound


class DeadLetterNotFound(NotFound):
    default_detail = "No dead-lettered event has this id."
