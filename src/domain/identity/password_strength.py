"""How hard a password is to guess, estimated by zxcvbn, and the common-password list.

zxcvbn (Dropbox's estimator) scores 0 to 4: it finds the dictionary words, names, keyboard
patterns, repeats, sequences, dates and l33t spellings a guesser tries first and rates the
guesses left (score 3: about 10^10 guesses, 4: beyond). Only this module imports it.

Cost: zxcvbn's work grows with the square of the length times the l33t substitutions the
password's symbols allow (with 20 distinct symbols, ~740 dictionary passes; such a
128-character password takes seconds). So zxcvbn judges a window: the longest prefix whose
length squared times (2 + its substitutions) stays within ``COST_BUDGET``, which keeps one
estimate near 30 ms (83 characters of plain text; 25 to 70 of random printable characters,
as many symbols as they hold; 15 of the l33t symbols alone). It was 16,000 (89 characters)
while zxcvbn looked words up in dictionaries of its own; the compact tables of
``ranked_words`` answer in Python, which made the slowest window (plain text) take 33 ms
instead of 30, so it is 14,000. Judging a prefix errs on the safe side: what follows it
would only add guesses, so a long password may be under-rated, a weak one is not passed.
The common-password and e-mail checks see the whole password.

zxcvbn keeps the words of the last call's ``user_inputs`` in a module-level dictionary,
so calls are serialised by a lock.

zxcvbn is imported on first use, and without the word lists it would build: as zxcvbn
makes them (about 94,000 str objects in dictionaries), they hold 13 MiB for the life of
the process. ``ranked_words`` reads them from zxcvbn's source into compact hash tables
(1.4 MiB) and puts those in their place, so the first use costs a process about 3 MiB and
a process that never judges a password (the relay worker, the API until the first signup
or password change) nothing (issue 13). The first use pays the import and the tables:
about 80 ms here (zxcvbn's own import took 30). The common-password list is the table of
zxcvbn's "passwords" list, not a second copy.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from domain.identity.ranked_words import RankedWords

MAX_SCORE = 4
COST_BUDGET = 14_000
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class _Zxcvbn:
    estimate: Callable[..., dict[str, Any]]
    common_passwords: RankedWords
    """zxcvbn's 30,000 most common passwords (lower-case) and their ranks."""
    l33t_table: Mapping[str, list[str]]
    l33t_symbols: frozenset[str]
    relevant_l33t_subtable: Callable[[str, Mapping[str, list[str]]], dict[str, list[str]]]
    enumerate_l33t_subs: Callable[[dict[str, list[str]]], list[dict[str, str]]]


@cache
def _zxcvbn() -> _Zxcvbn:
    from domain.identity.ranked_words import read_zxcvbn_lists, zxcvbn_without_lists

    lists = read_zxcvbn_lists()
    with zxcvbn_without_lists():
        from zxcvbn import zxcvbn
        from zxcvbn.matching import (
            L33T_TABLE,
            RANKED_DICTIONARIES,
            enumerate_l33t_subs,
            relevant_l33t_subtable,
        )
    # Every matcher's default argument is this same dictionary; when zxcvbn was imported
    # before (with its own lists), its dictionaries are replaced in place, order kept.
    RANKED_DICTIONARIES.update(lists)
    symbols = frozenset(s for subs in L33T_TABLE.values() for s in subs)
    return _Zxcvbn(
        zxcvbn,
        lists["passwords"],
        L33T_TABLE,
        symbols,
        relevant_l33t_subtable,
        enumerate_l33t_subs,
    )


def common_passwords() -> RankedWords:
    """zxcvbn's list of the 30,000 most common passwords (lower-case), used as a blocklist."""
    return _zxcvbn().common_passwords


def l33t_symbols() -> frozenset[str]:
    """The symbols zxcvbn reads as letters (``@`` as ``a``, ``0`` as ``o``, ...)."""
    return _zxcvbn().l33t_symbols


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
    l33t = l33t_symbols()
    for end, char in enumerate(password, start=1):
        if char in l33t and char not in symbols:
            symbols.add(char)
            substitutions = l33t_substitutions(symbols)
        if end * end * (2 + substitutions) > COST_BUDGET:
            return password[: end - 1]
    return password


def l33t_substitutions(symbols: Iterable[str]) -> int:
    """How many l33t readings (extra dictionary passes) zxcvbn tries for a password
    holding ``symbols``; none without symbols."""
    loaded = _zxcvbn()
    table = loaded.relevant_l33t_subtable("".join(symbols), loaded.l33t_table)
    return sum(1 for substitution in loaded.enumerate_l33t_subs(table) if substitution)


def estimate_strength(password: str, user_inputs: Iterable[str] = ()) -> Strength:
    """zxcvbn's score and feedback for ``password``; ``user_inputs`` are words the user's
    own data makes easy to guess (their e-mail address, their name)."""
    window = judged_window(password)
    estimate = _zxcvbn().estimate
    with _LOCK:
        result = estimate(window, user_inputs=list(user_inputs), max_length=max(len(window), 1))
    feedback = result["feedback"]
    return Strength(int(result["score"]), str(feedback["warning"]), tuple(feedback["suggestions"]))


def is_common(password: str) -> bool:
    """Whether ``password`` (ignoring case) is on the common-password list."""
    return password.lower() in common_passwords()
