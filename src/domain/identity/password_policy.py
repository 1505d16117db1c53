"""The strength a new password must have, after NIST SP 800-63B (5.1.1.2).

In order, a password is refused when it:

1. has fewer than ``MIN_LENGTH`` or more than ``MAX_LENGTH`` characters, or a character
   the text rule refuses (controls, bidi overrides, invisible formatting characters);
2. uses fewer than four different characters;
3. is on the common-password list (zxcvbn's 30,000 most common, any case);
4. contains the name of the user's e-mail address (the part before @, 4+ characters);
5. scores below ``min_score`` (0-4, setting ``PASSWORD_MIN_SCORE``, default 3) in zxcvbn's
   estimate, which also knows the e-mail address; the message passes on zxcvbn's warning
   and suggestions.

No composition rules (a digit, a capital, a symbol) and no expiry: NIST advises against
both. Every character of any script counts, spaces included, so passphrases are welcome.
"""

from __future__ import annotations

from domain.identity.password_strength import MAX_SCORE, estimate_strength, is_common
from domain.shared.errors import FieldError, Unprocessable
from domain.shared.text import forbidden_character

MIN_LENGTH = 10
MAX_LENGTH = 128


def check_password(password: str, email: str, *, min_score: int) -> None:
    """Raise ``ValidationFailed`` naming the ``password`` field when it is too weak."""
    if not 0 <= min_score <= MAX_SCORE:
        raise ValueError(f"min_score must be 0 to {MAX_SCORE}, got {min_score}")
    problem = _shape_problem(password) or _guessable(password, email, min_score)
    if problem is not None:
        raise Unprocessable("The password is too weak.", (FieldError("password", problem),))


def _shape_problem(password: str) -> str | None:
    if len(password) < MIN_LENGTH:
        return f"use at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"use at most {MAX_LENGTH} characters"
    if forbidden_character(password) is not None:
        return "use visible characters only (no control or formatting characters)"
    if len(set(password)) < 4:
        return "use more than three different characters"
    return None


def _guessable(password: str, email: str, min_score: int) -> str | None:
    if is_common(password):
        return "this is one of the most common passwords; choose another"
    local_part, _, domain = email.lower().partition("@")
    if len(local_part) >= 4 and local_part in password.lower():
        return "do not include your e-mail address"
    strength = estimate_strength(password, (email, local_part, *domain.split(".")))
    if strength.score >= min_score:
        return None
    advice = " ".join(filter(None, (strength.warning, *strength.suggestions)))
    return (
        f"too easy to guess (strength {strength.score} of {MAX_SCORE}, "
        f"{min_score} needed). {advice or 'Add another word or two, or make it longer.'}"
    )
