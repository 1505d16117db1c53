"""Errors of the customers context."""

from __future__ import annotations

from domain.shared.errors import Conflict, NotFound


class CustomerNotFound(NotFound):
    default_detail = "The customer was not found."


class CustomerEmailTaken(Conflict):
    default_detail = "A customer with this e-mail already exists."


class CustomerInUse(Conflict):
    default_detail = "The customer has orders and cannot be deleted."
