"""Errors of idempotent requests."""

from __future__ import annotations

from domain.shared.errors import AppError, Conflict


class KeyInProgress(Conflict):
    default_detail = "A request with this Idempotency-Key is still being processed; retry soon."


class KeyReused(AppError):
    default_detail = "This Idempotency-Key was already used with a different request body."
