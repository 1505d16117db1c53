"""The keys that sign access tokens: one current key, and previous keys still accepted.

Every key has an id (``kid``), written into the header of each token it signs; a token is
verified with the key its ``kid`` names and with no other, so a key is retired by removing
it from the ring. A key's id is chosen by the operator or derived from its secret (the
first 8 hex digits of its SHA-256: deterministic, so every process of a deployment derives
the same id, and nothing to configure in a simple deployment). The derived id reveals
nothing an attacker could use: each signed token is already a far stronger test of a
guessed secret than 32 bits of its hash.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

MIN_SECRET_BYTES = 32
"""HS256 with a secret shorter than its 32-byte output is weaker than it needs to be."""
KEY_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def derive_key_id(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:8]


def long_enough(secret: str) -> bool:
    return len(secret.encode()) >= MIN_SECRET_BYTES


@dataclass(frozen=True, slots=True)
class SigningKey:
    kid: str
    secret: str = field(repr=False)

    def __post_init__(self) -> None:
        if KEY_ID.fullmatch(self.kid) is None:
            raise ValueError(f"key id {self.kid!r} is not 1-64 letters, digits, '.', '_', '-'")
        if not long_enough(self.secret):
            raise ValueError(f"the secret of key {self.kid!r} is under {MIN_SECRET_BYTES} bytes")


class KeyRing:
    """The current key, which signs, and the previous keys, which only verify."""

    def __init__(self, current: SigningKey, previous: Sequence[SigningKey] = ()) -> None:
        keys = [current, *previous]
        self._by_kid = {key.kid: key for key in keys}
        if len(self._by_kid) != len(keys):
            raise ValueError("every signing key needs an id of its own")
        self.current = current

    def key(self, kid: str) -> SigningKey | None:
        """The key with id ``kid``, or ``None`` (unknown, or retired)."""
        return self._by_kid.get(kid)

    @property
    def kids(self) -> tuple[str, ...]:
        return tuple(self._by_kid)
