"""The group role that holds the app's privileges (without alembic: the embedded server's
bootstrap needs the name in the API process too)."""

from __future__ import annotations

RUNTIME_ROLE = "tenantry_runtime"
"""Group role holding the app's privileges; the login role the app uses is a member."""
