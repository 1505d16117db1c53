"""schemathesis hooks of the contract run (``SCHEMATHESIS_HOOKS``, set by the test).

The run logs in as tenant A's owner. A ``PATCH`` of that user's e-mail, or its deletion
once the run has made another owner, locks the run out: every later login is refused, and
schemathesis stops with "Authentication stopped working mid-run". Dictionaries cannot keep
the run off that user: its id is in every ``GET /me`` and ``GET /users``, and the phases
reuse ids seen in responses (the examples, coverage and fuzzing phases) and follow links
inferred from them (the stateful phase). So a ``PATCH`` or ``DELETE`` of that user is sent
to the member instead (``CONTRACT_GUARDED_USER``, ``CONTRACT_STAND_IN_USER``); the case is
otherwise as generated, and checked as sent. What they do to an owner, the last one kept,
is in ``tests/api/test_users.py``.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from schemathesis import Case
from schemathesis.hooks import HookContext

GUARDED = os.environ["CONTRACT_GUARDED_USER"]
STAND_IN = os.environ["CONTRACT_STAND_IN_USER"]


@schemathesis.hook
def before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    path = case.path_parameters
    if case.method.upper() in ("PATCH", "DELETE") and path and str(path.get("user_id")) == GUARDED:
        path["user_id"] = STAND_IN
