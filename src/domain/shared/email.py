"""E-mail addresses: one canonical form, so equal addresses compare equal, and no
look-alikes of someone else's address.

``normalize_email`` returns ``<local part>@<domain>`` where

- the whole address obeys the text rule (``domain.shared.text``): no control, bidi or
  invisible character;
- the local part is NFC-normalised and lower-cased; it may use any one script (``ada``,
  ``иван``, ``山田たろう``), but not a mix of scripts such as Latin with Cyrillic
  (``аdmin`` with a Cyrillic ``а``), not a non-Latin spelling made only of letters that
  look like ASCII ones (``асе`` in Cyrillic), and no compatibility characters (fullwidth
  ``ａｄａ``, ligatures) that another form of the same letters would hide behind;
- the domain is mapped by IDNA (UTS #46) and stored in its ASCII form: ``Bücher.example``
  and ``xn--bcher-kva.example`` are both stored as ``xn--bcher-kva.example``; each label,
  read in Unicode, obeys the same script rules as the local part.
"""

from __future__ import annotations

import re
import unicodedata

import idna

from domain.shared.errors import FieldError, Unprocessable, ValidationFailed
from domain.shared.scripts import mixes_scripts, passes_for_latin
from domain.shared.text import check_text

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,63}$")


def normalize_email(raw: str, field: str = "email") -> str:
    """Return the canonical form of an e-mail address or raise ``Unprocessable``."""
    check_text(raw, field)
    local, at, domain = raw.strip().rpartition("@")
    if not at or not local or not domain or domain.endswith("."):
        raise _invalid(field, "not an e-mail address")
    email = f"{_local_part(local, field)}@{_domain(domain, field)}"
    if not _EMAIL.fullmatch(email):
        raise _invalid(field, "not an e-mail address")
    return email


def email_or_none(raw: str) -> str | None:
    """The canonical form of ``raw``, or ``None`` if it is none (for lookups: login)."""
    try:
        return normalize_email(raw)
    except ValidationFailed:
        return None


def _local_part(raw: str, field: str) -> str:
    local = unicodedata.normalize("NFC", raw).lower()
    if unicodedata.normalize("NFKC", local) != local:
        raise _invalid(field, "use plain letters, not fullwidth forms or ligatures")
    _check_scripts(local, field, "the part before @")
    return local


def _domain(raw: str, field: str) -> str:
    try:
        ascii_domain = idna.encode(raw, uts46=True).decode("ascii")
        labels = idna.decode(ascii_domain).split(".")
    except (idna.IDNAError, UnicodeError):
        raise _invalid(field, "the domain is not a valid domain name") from None
    for label in labels:
        _check_scripts(label, field, "the domain")
    return ascii_domain


def _check_scripts(text: str, field: str, part: str) -> None:
    if mixes_scripts(text):
        raise _invalid(field, f"{part} mixes scripts (such as Latin and Cyrillic)")
    if passes_for_latin(text):
        raise _invalid(field, f"{part} imitates Latin letters with look-alikes")


def _invalid(field: str, message: str) -> Unprocessable:
    return Unprocessable("The e-mail address is invalid.", (FieldError(field, message),))
