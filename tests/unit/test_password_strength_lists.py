"""zxcvbn judging against the compact word tables (issue 13) says what stock zxcvbn says,
whether zxcvbn was imported before or not, and the first estimate costs a fresh process
little memory. Each case runs in a fresh interpreter: the process state is the point."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from domain.identity.password_strength import judged_window

_INPUTS = ["alice.smith@example.com", "alice.smith", "example", "com"]
_CORPUS = [
    # common passwords, any case
    "password", "123456789", "qwerty123", "iloveyou", "Monkey1!", "dragon2020", "letmein",
    # l33t spellings
    "P@ssw0rd!", "Tr0ub4dor&3", "p4$$w0rd|!1@(7+", "h3ll0w0rld", "$up3rm@n99", "!$%(+0123@[{|",
    # names, surnames, film and TV, English words
    "jennifer1987", "MichaelJordan", "smithjohnson", "robert_williams", "darthvader",
    "starwars1977", "unbelievable", "Elizabeth", "mustang1967!", "bluecar99",
    # reversed words, dates, keyboard walks
    "drowssap", "nhojhtims", "13/05/1987", "1991-12-25", "19851231", "qwertyuiop",
    "1qaz2wsx3edc", "zxcvbnm,./", "asdfghjkl;",
    # repeats and sequences
    "aaaaaaaa", "abcabcabc", "abcdefgh12345", "a" * 128, "19851231" * 16,
    # passphrases, long text, the user's own data, other scripts
    "correct horse battery staple", "the quick brown fox jumps over the lazy dog again",
    "correct horse battery staple " * 5, "alice.smith2024", "examplealice!",
    "Ünïcødé passphrase ☕ é", "kX9#vLq2!mTz7@wR",
]  # fmt: skip

_JUDGE = """
import json, sys

def judged(cases):
    import zxcvbn

    def summary(result):
        sequence = [
            [m["pattern"], m["token"], m.get("dictionary_name"), m.get("rank"), m.get("l33t")]
            for m in result["sequence"]
        ]
        feedback = result["feedback"]
        return [result["score"], str(result["guesses"]), feedback["warning"],
                feedback["suggestions"], sequence]
    return [summary(zxcvbn.zxcvbn(window, user_inputs=inputs, max_length=max(len(window), 1)))
            for window, inputs in cases]
"""
_STOCK_FIRST = """
import zxcvbn  # stock, with its own word lists
cases = json.load(sys.stdin)
stock = judged(cases)
from domain.identity.password_strength import common_passwords
common_passwords()  # zxcvbn is loaded already, with its own lists: they are replaced
kinds = {type(table).__name__ for table in zxcvbn.matching.RANKED_DICTIONARIES.values()}
print(json.dumps({"stock": stock, "compact": judged(cases), "kinds": sorted(kinds)}))
"""
_COMPACT_FIRST = """
from domain.identity.password_strength import common_passwords
common_passwords()  # before zxcvbn was imported: its own lists are never read
import zxcvbn
compact = judged(json.load(sys.stdin))
kinds = {type(table).__name__ for table in zxcvbn.matching.RANKED_DICTIONARIES.values()}
stock_lists = bool(zxcvbn.matching.FREQUENCY_LISTS) or "zxcvbn.frequency_lists" in sys.modules
print(json.dumps({"compact": compact, "kinds": sorted(kinds), "stock lists": stock_lists}))
"""


def _run(script: str, stdin: str = "") -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script], input=stdin, capture_output=True, text=True, check=True
    )
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


def test_scores_warnings_and_suggestions_are_stock_zxcvbns() -> None:
    cases = json.dumps([[judged_window(password), _INPUTS] for password in _CORPUS])
    stock_first = _run(_JUDGE + _STOCK_FIRST, cases)
    compact_first = _run(_JUDGE + _COMPACT_FIRST, cases)
    stock = stock_first["stock"]
    assert {result[0] for result in stock} == {0, 1, 2, 3, 4}  # the corpus spans the scores
    assert stock_first["compact"] == stock and compact_first["compact"] == stock
    assert stock_first["kinds"] == compact_first["kinds"] == ["RankedWords", "dict"]
    assert compact_first["stock lists"] is False


_FIRST_ESTIMATE = """
from domain.identity.password_strength import estimate_strength

def rss_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))

before = rss_kib()
estimate_strength("correct horse battery staple", ["owner@acme.test"])
print(rss_kib() - before)
"""


def test_the_first_estimate_costs_a_fresh_process_little_memory() -> None:
    """Stock zxcvbn's lists cost a process about 13 MiB for its whole life."""
    grown_kib = int(subprocess.check_output([sys.executable, "-c", _FIRST_ESTIMATE]))
    assert grown_kib < 6 * 1024
