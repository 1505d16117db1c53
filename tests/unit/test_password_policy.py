"""The password policy (NIST SP 800-63B): length, the common-password list, the e-mail's
name, and zxcvbn's strength score at the minimum the deployment sets."""

from __future__ import annotations

import time
from uuid import uuid4

import pytest

from application.identity.policy import IdentityPolicy
from application.identity.user_accounts import NewUser, UserAccounts
from domain.identity.password_policy import check_password
from domain.identity.password_strength import (
    COST_BUDGET,
    common_passwords,
    estimate_strength,
    judged_window,
    l33t_substitutions,
    l33t_symbols,
)
from domain.shared.actor import Role
from domain.shared.errors import ValidationFailed
from interface.cli.operator_commands import generated_password
from tests.unit.fakes_identity import FakeHasher

EMAIL = "owner@acme.test"
L33T_HEAVY = "!$%(+0123456789<@[{|"  # every symbol zxcvbn reads as a letter


def _refusal(password: str, min_score: int = 3, email: str = EMAIL) -> str:
    with pytest.raises(ValidationFailed) as error:
        check_password(password, email, min_score=min_score)
    [field_error] = error.value.errors
    assert field_error.field == "password"
    return field_error.message


def test_a_repeated_pattern_is_refused_with_zxcvbns_advice() -> None:
    message = _refusal("abcdabcdabcd")
    assert "too easy to guess (strength 0 of 4, 3 needed)" in message
    assert "Repeats like" in message and "Add another word or two" in message


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "purple monkey dishwasher",
        "Tr0ub4dor&3x",
        "kX9#vLq2!mTz7@wR",  # a random 16-character token
        "Ünïcødé passphrase ☕ é",
    ],
)
def test_passphrases_and_random_tokens_pass(password: str) -> None:
    check_password(password, EMAIL, min_score=3)


def test_every_password_the_cli_generates_passes() -> None:
    for _ in range(50):
        check_password(generated_password(), EMAIL, min_score=3)


@pytest.mark.parametrize("password", ["password123", "QWERTYUIOP", "1q2w3e4r5t", "manchester"])
def test_common_passwords_are_refused_whatever_the_case(password: str) -> None:
    assert "most common passwords" in _refusal(password, min_score=0)


def test_the_common_list_is_zxcvbns_thirty_thousand() -> None:
    assert len(common_passwords()) == 30_000 and "password" in common_passwords()


@pytest.mark.parametrize(
    ("password", "says"),
    [
        ("short", "at least 10 characters"),
        ("x" * 129, "at most 128 characters"),
        ("aaaaabbbbbccccc", "more than three different characters"),
        ("my owner password 42", "e-mail address"),
        ("tab\tinside the password", "visible characters only"),
        ("zero\u200bwidth joiner here", "visible characters only"),
    ],
)
def test_shape_rules_come_first(password: str, says: str) -> None:
    assert says in _refusal(password)


@pytest.mark.parametrize(("min_score", "accepted"), [(0, True), (3, True), (4, False)])
def test_the_minimum_score_decides(min_score: int, accepted: bool) -> None:
    password = "wrong password!"  # zxcvbn: strength 3
    assert estimate_strength(password, [EMAIL]).score == 3
    if accepted:
        check_password(password, EMAIL, min_score=min_score)
    else:
        assert "strength 3 of 4, 4 needed" in _refusal(password, min_score)


def test_the_minimum_score_must_be_a_zxcvbn_score() -> None:
    with pytest.raises(ValueError):
        check_password("correct horse battery staple", EMAIL, min_score=5)


async def test_the_deployments_minimum_score_reaches_every_new_user() -> None:
    strict = UserAccounts(FakeHasher(), IdentityPolicy(password_min_score=4))
    lenient = UserAccounts(FakeHasher(), IdentityPolicy(password_min_score=0))
    with pytest.raises(ValidationFailed):
        await strict.build(uuid4(), NewUser(EMAIL, "wrong password!", Role.MEMBER))
    user = await lenient.build(uuid4(), NewUser(EMAIL, "abcdabcdabcd", Role.MEMBER))
    assert user.email == EMAIL


@pytest.mark.parametrize(
    "password",
    [
        L33T_HEAVY * 7,
        "19851231" * 16,
        "a" * 128,
        "correct horse battery staple " * 5,
        "p@$$w0rd!" * 15,
    ],
)
def test_the_judged_window_is_a_prefix_within_the_cost_budget(password: str) -> None:
    window = judged_window(password[:128])
    symbols = set(window) & l33t_symbols()
    assert password.startswith(window) and len(window) >= 10
    assert len(window) ** 2 * (2 + l33t_substitutions(symbols)) <= COST_BUDGET


def test_short_and_plain_passwords_are_judged_whole() -> None:
    assert judged_window("correct horse battery staple") == "correct horse battery staple"
    token = generated_password()
    assert judged_window(token) == token


def test_a_password_built_to_make_zxcvbn_slow_is_estimated_quickly() -> None:
    estimate_strength("warm-up")
    started = time.perf_counter()
    estimate_strength((L33T_HEAVY * 7)[:128], [EMAIL])
    # zxcvbn on the whole of it takes seconds; the window keeps it near 30 ms
    assert time.perf_counter() - started < 0.5
