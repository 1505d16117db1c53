"""How hard a password is to guess, estimated by zxcvbn, and the common-password list.

zxcvbn (Dropbox's estimator) scores 0 to 4: it finds the dictionary words, names, keyboard
patterns, repeats, sequences, dates and l33t spellings a guesser tries first and rates the
guesses left (score 3: about 10^10 guesses, 4: beyond). Only this module imports it.

Cost: zxcvbn's work grows with the square of the length times the l33t substitutions the
password's symbols allow (with 20 distinct symbols, ~740 dictionary passes; such a
128-character password takes seconds). So zxcvbn judges a window: the longest prefix whose
length squared times (2 + its substitutions) stays within ``COST_BUDGET``, which keeps one
estimate near 30 ms (about 90 characters of plain text, 40 of random symbols). Judging a
prefix errs on the safe side: what follows it would only add guesses, so a long password
may be under-rated, a weak one is not passed. The common-password and e-mail checks see
the whole password.

zxcvbn keeps the words of the last call's ``user_inputs`` in a module-level dictionary,
so calls are serialised by a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS
from zxcvbn.matching import L33T_TABLE, enumerate_l33t_subs, relevant_l33t_subtable

MAX_SCORE = 4
COST_BUDGET = 16_000
COMMON_PASSWORDS: frozenset[str] = frozenset(FREQUENCY_LISTS["passwords"])
"""zxcvbn's list of the 30,000 most common passwords (lower-case), used as a blocklist."""
L33T_SYMBOLS: frozenset[str] = frozenset(s for subs in L33T_TABLE.values() for s in subs)
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Strength:
    score: int
    """0 (too guessable) to 4 (very unguessable)."""
    warning: str
    """What makes it guessable (empty when nothing stands out)."""
    suggestions: tuple[str, ...]


def judged_window(password: str) -> str:
    """The prefix of ``password`` zxcvbn is shown (see the module's note on cost)."""
    symbols: set[str] = set()
    substitutions = 0
    for end, char in enumerate(password, start=1):
        if char in L33T_SYMBOLS and char not in symbols:
            symbols.add(char)
            substitutions = l33t_substitutions(symbols)
        if end * end * (2 + substitutions) > COST_BUDGET:
            return password[: end - 1]
    return password


def l33t_substitutions(symbols: Iterable[str]) -> int:
    """How many l33t readings (extra dictionary passes) zxcvbn tries for a password
    holding ``symbols``; none without symbols."""
    table = relevant_l33t_subtable("".join(symbols), L33T_TABLE)
    return sum(1 for substitution in enumerate_l33t_subs(table) if substitution)


def estimate_strength(password: str, user_inputs: Iterable[str] = ()) -> Strength:
    """zxcvbn's score and feedback for ``password``; ``user_inputs`` are words the user's
    own data makes easy to guess (their e-mail address, their name)."""
    window = judged_window(password)
    with _LOCK:
        result = zxcvbn(window, user_inputs=list(user_inputs), max_length=max(len(window), 1))
    feedback = result["feedback"]
    return Strength(int(result["score"]), str(feedback["warning"]), tuple(feedback["suggestions"]))


def is_common(password: str) -> bool:
    """Whether ``password`` (ignoring case) is on the common-password list."""
    return password.lower() in COMMON_PASSWORDS
