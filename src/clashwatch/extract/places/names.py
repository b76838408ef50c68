"""How place names are compared: one normalised key per surface form."""

from __future__ import annotations

import re
import unicodedata

# Transliterations mark the Arabic 'ayn and hamza with apostrophes that reporters and coders drop ("Sa'dah", "Sadah").
_APOSTROPHES = str.maketrans(dict.fromkeys("'\u2019\u2018\u02bc\u02bb\u02be\u02bf`"))
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/]+")


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
