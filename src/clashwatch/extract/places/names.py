"""How place names are compared: one normalised key per surface form."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Transliterations mark the Arabic 'ayn and hamza with apostrophes that reporters and coders drop ("Sa'dah", "Sadah").
_APOSTROPHES = str.maketrans(dict.fromkeys("'\u2019\u2018\u02bc\u02bb\u02be\u02bf`"))
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/]+")


@lru_cache(maxsize=1 << 16)  # an article names a place many times, a feed the same places day after day
def name_key(name: str) -> str:
    """The lookup key of a name: accents, case, periods and hyphens vary between sources and reporters, so
    "Daşkəsən" -> "daskasan", "Nagorno-Karabakh" -> "nagorno karabakh", "U.S." -> "us", "Sa'dah" -> "sadah"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    stripped = stripped.replace("ı", "i").replace("ə", "a").replace("Ə", "a").replace("ł", "l").replace("ø", "o")
    return _SEPARATORS.sub(" ", stripped.replace(".", "")).casefold().strip()


def is_latin_name(name: str) -> bool:
    """Written in Latin letters and capitalised like a proper name (GeoNames' romanisations of other scripts are
    lower case, and its all-capital short forms are airport or postal codes)."""
    if not name[:1].isupper() or (name.isupper() and len(name) <= 4):
        return False
    return all(not char.isalpha() or "LATIN" in unicodedata.name(char, "") for char in name)


# Letters that transliterations of one name write or leave out: the h of dh/kh/sh/th and a final h, doubled letters,
# and which vowels ("Dhanusha"/"Dhanusa", "Quamishli"/"Qamishli", "Baramulla"/"Baramula", "Hasakeh"/"Hasakah").
_SILENT_H = re.compile(r"(?<=[bcdgkpstz])h|h\b")
_DOUBLED = re.compile(r"(.)\1+")
_VOWEL_RUNS = re.compile(r"[aeiouy]+")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|an|at|az) ")
# Shorter spelling keys collide across too many places to mean anything.
MIN_SPELLING_KEY = 5


def spelling_keys(name: str) -> set[str]:
    """Loose keys under which differently transliterated spellings of a name meet; with and without an Arabic
    article ("Al-Hasakah" also meets "Hasakeh"). Only keys of at least ``MIN_SPELLING_KEY`` characters."""
    key = name_key(name)
    keys = set()
    for form in {key, _ARABIC_ARTICLE.sub("", key)}:
        loose = _VOWEL_RUNS.sub("a", _DOUBLED.sub(r"\1", _SILENT_H.sub("", form)))
        if len(loose) >= MIN_SPELLING_KEY:
            keys.add(loose)
    return keys
