"""Access tokens name their signing key (``kid``); previous keys verify until retired."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any
from uuid import uuid4

import jwt
import pytest

from domain.identity.errors import InvalidToken
from domain.identity.user import User
from domain.shared.actor import Role
from infrastructure.identity.jwt_tokens import JwtAccessTokens
from infrastructure.jwt_signing_keys import KeyRing, SigningKey, derive_key_id

OLD = SigningKey("2025-old", "old-secret-for-unit-tests-only-" + "0123456789" * 4)
NEW = SigningKey("2026-new", "new-secret-for-unit-tests-only-" + "0123456789" * 4)
ALICE = User.create(uuid4(), "alice@acme.test", "hash", Role.OWNER)
BOB = User.create(uuid4(), "bob@globex.test", "hash", Role.MEMBER)


def _tokens(current: SigningKey, *previous: SigningKey) -> JwtAccessTokens:
    return JwtAccessTokens(KeyRing(current, previous), "tenantry", "tenantry-api", 900)


def _issued(current: SigningKey, user: User = ALICE) -> str:
    return _tokens(current).issue(user, uuid4()).token


def _claims() -> dict[str, Any]:
    return dict(jwt.decode(_issued(OLD), OLD.secret, ["HS256"], audience="tenantry-api"))


def _forged(header: dict[str, Any] | None, key: str | None, algorithm: str = "HS256") -> str:
    """A token whose claims are valid, signed as the test says."""
    return jwt.encode(_claims(), key, algorithm, headers=header)


def _by_hand(header: dict[str, Any], key: str) -> str:
    """An HS256 token with a header PyJWT would refuse to write (a kid that is no string)."""

    def part(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signed = f"{part(json.dumps(header).encode())}.{part(json.dumps(_claims()).encode())}"
    signature = hmac.new(key.encode(), signed.encode(), hashlib.sha256).digest()
    return f"{signed}.{part(signature)}"


def test_tokens_carry_the_current_keys_id_and_are_pinned_to_hs256() -> None:
    header = jwt.get_unverified_header(_issued(NEW))
    assert header["kid"] == "2026-new"
    assert header["alg"] == "HS256"


def test_a_token_signed_by_a_previous_key_verifies_until_that_key_is_retired() -> None:
    alice_token, bob_token = _issued(OLD, ALICE), _issued(OLD, BOB)
    rotated = _tokens(NEW, OLD)
    assert rotated.verify(alice_token).user_id == ALICE.id
    assert rotated.verify(bob_token).tenant_id == BOB.tenant_id
    assert rotated.verify(_issued(NEW)).user_id == ALICE.id
    retired = _tokens(NEW)  # OLD removed from the previous keys, process restarted
    with pytest.raises(InvalidToken):
        retired.verify(alice_token)
    assert retired.verify(_issued(NEW)).user_id == ALICE.id


FORGERIES: dict[str, Callable[[], str]] = {
    "unknown-kid": lambda: _forged({"kid": "unknown"}, OLD.secret),
    "no-kid": lambda: _forged(None, OLD.secret),
    "kid-not-a-string": lambda: _by_hand({"alg": "HS256", "typ": "JWT", "kid": 7}, OLD.secret),
    "alg-none": lambda: _forged({"kid": OLD.kid}, None, "none"),
    "hs512": lambda: _forged({"kid": OLD.kid}, OLD.secret, "HS512"),
    "kid-of-another-key": lambda: _forged({"kid": OLD.kid}, NEW.secret),
}


def test_the_forgery_helpers_make_valid_tokens_when_nothing_is_wrong() -> None:
    verifier = _tokens(NEW, OLD)
    assert verifier.verify(_forged({"kid": OLD.kid}, OLD.secret)).user_id == ALICE.id
    hand_made = _by_hand({"alg": "HS256", "typ": "JWT", "kid": OLD.kid}, OLD.secret)
    assert verifier.verify(hand_made).user_id == ALICE.id


@pytest.mark.parametrize("forgery", FORGERIES)
def test_tokens_with_a_wrong_kid_or_algorithm_are_refused(forgery: str) -> None:
    with pytest.raises(InvalidToken):
        _tokens(NEW, OLD).verify(FORGERIES[forgery]())


def test_the_derived_key_id_is_the_start_of_the_secrets_sha256() -> None:
    secret = "a-deployment-secret-of-enough-length-000"
    assert derive_key_id(secret) == hashlib.sha256(secret.encode()).hexdigest()[:8]
    assert derive_key_id(secret) != derive_key_id(secret + "1")


def test_keys_refuse_short_secrets_duplicate_ids_and_odd_ids() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        SigningKey("k", "x" * 31)
    with pytest.raises(ValueError, match="key id"):
        SigningKey("has space", "x" * 32)
    with pytest.raises(ValueError, match="id of its own"):
        KeyRing(NEW, [SigningKey("2026-new", OLD.secret)])
    assert NEW.secret not in repr(NEW)
