"""zxcvbn's word lists as compact tables (issue 13): every word of each real list has its
exact rank, nothing else is found, and a source not in the expected form fails loudly."""

from __future__ import annotations

import importlib
import runpy
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import pytest

from domain.identity.password_strength import common_passwords
from domain.identity.ranked_words import (
    LIST_NAMES,
    RankedWords,
    WordListsUnreadable,
    parse_lists,
)


@cache
def _real_lists() -> dict[str, list[str]]:
    """zxcvbn's lists as its own module makes them, run in a throw-away namespace."""
    spec = find_spec("zxcvbn")
    assert spec is not None and spec.submodule_search_locations
    source = Path(spec.submodule_search_locations[0], "frequency_lists.py")
    lists: dict[str, list[str]] = runpy.run_path(str(source))["FREQUENCY_LISTS"]
    return lists


def _installed() -> dict[str, RankedWords]:
    """The tables zxcvbn judges passwords against, once the first judgement loaded them."""
    common_passwords()
    matching = importlib.import_module("zxcvbn.matching")
    return {name: matching.RANKED_DICTIONARIES[name] for name in LIST_NAMES}


@pytest.mark.parametrize("name", sorted(LIST_NAMES))
def test_every_word_of_each_list_has_its_rank(name: str) -> None:
    words, table = _real_lists()[name], _installed()[name]
    assert isinstance(table, RankedWords) and len(table) == len(words)
    wrong = [(word, rank) for rank, word in enumerate(words, 1) if table[word] != rank]
    assert wrong == [] and all(word in table for word in words)


@pytest.mark.parametrize("name", sorted(LIST_NAMES))
def test_words_not_on_a_list_are_not_found(name: str) -> None:
    table, listed = _installed()[name], set(_real_lists()[name])
    others = {word for words in _real_lists().values() for word in words} - listed
    variants = {word + suffix for word in listed for suffix in ("x", "1", "!")}
    capitals = {word.upper() for word in listed}
    strangers = (others | variants | capitals) - listed
    assert len(strangers) > 10_000
    assert [word for word in strangers if word in table] == []
    for word in ("", "zzqxjv", "a" * 80, "pässwörd"):
        assert word not in table
        with pytest.raises(KeyError):
            table[word]


def test_the_common_password_blocklist_is_the_same_table() -> None:
    assert common_passwords() is _installed()["passwords"]
    assert "password" in common_passwords() and common_passwords()["password"] == 2


def _source(lists: dict[str, str]) -> str:
    lines = "".join(f'    "{name}": "{words}".split(","),\n' for name, words in lists.items())
    return f"FREQUENCY_LISTS = {{\n{lines}}}\n"


_SIX = {name: "alpha,beta" for name in sorted(LIST_NAMES)}


def test_a_small_source_is_read_as_zxcvbn_would() -> None:
    lists = parse_lists(_source({**_SIX, "surnames": "smith,jones,smith,o\\'neil"}))
    assert list(lists) == sorted(LIST_NAMES)  # the source's order
    surnames = lists["surnames"]
    assert len(surnames) == 3 and surnames["jones"] == 2 and surnames["o'neil"] == 4
    assert surnames["smith"] == 3  # listed twice: the later rank, as in zxcvbn's dicts
    assert "alpha" not in surnames and lists["passwords"]["beta"] == 2


@pytest.mark.parametrize(
    "source",
    [
        _source({name: words for name, words in _SIX.items() if name != "male_names"}),
        _source({**_SIX, "dutch_words": "een,twee"}),
        _source(_SIX) + _source({"surnames": "smith"}),  # one list twice
        _source(_SIX).replace('.split(",")', ""),  # stored another way
        _source(_SIX).replace('"', "'"),
        "",
    ],
)
def test_a_source_without_the_six_lists_fails_loudly(source: str) -> None:
    with pytest.raises(WordListsUnreadable, match="should hold the lists"):
        parse_lists(source)


def test_an_escape_other_than_a_quote_or_backslash_fails_loudly() -> None:
    with pytest.raises(WordListsUnreadable, match="not understood"):
        parse_lists(_source({**_SIX, "surnames": "smith,jo\\x2cnes"}))
