"""Words and regular-expression pieces for English time expressions.

Month and weekday names are matched case-sensitively ("May" the month, "may" the verb); the other words
are wrapped in ``(?i:...)`` so they match in any case.
"""

from __future__ import annotations

import re

from clashwatch.ingest.dateline import month_number

MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBREVIATION = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
# "Sept." anywhere; "Sept" without its dot only before a day number, where it cannot be another word.
MONTH = rf"(?:{MONTH_FULL}|{_MONTH_ABBREVIATION}\.|{_MONTH_ABBREVIATION}(?=\s+\d))"
MONTH_OR_ABBREVIATION = rf"(?:{MONTH_FULL}|{_MONTH_ABBREVIATION}\.)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:%])"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})(?![\d%]|s\b|\s*(?i:percent|per\s+cent))"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
PART_OF_DAY = r"(?i:morning|afternoon|evening|night)"
TIMEX_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a couple of": 2, "couple of": 2, "a dozen": 12, "half a": 0.5, "a half": 0.5,
}  # fmt: skip
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "dozens of", "hundreds of", "a number of")
_NUMBER_WORD = "|".join(sorted((re.escape(word).replace(r"\ ", r"\s+") for word in NUMBER_WORDS), key=len, reverse=True))
_VAGUE = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in VAGUE_NUMBERS)
NUMBER = rf"(?:\d+(?:\.\d+)?|(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|{_NUMBER_WORD}|{_VAGUE}))"

UNIT = r"(?i:second|minute|hour|day|week|fortnight|month|year|decade|century|centuries)"
UNIT_CODES = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W", "month": "M",
    "year": "Y", "decade": "DE", "century": "CE",
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip
ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|(?i:twenty-first|" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + "))"
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
HOLIDAY = (
    r"(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Easter(?:\s+(?:Sunday|Monday))?"
    r"|Good\s+Friday|Independence\s+Day|Election\s+Day|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Halloween"
    r"|Valentine's\s+Day|Boxing\s+Day|Bastille\s+Day|Armistice\s+Day|May\s+Day)"
)
MODIFIER = r"(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
TIMEX_MODIFIERS = {"early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID", "late": "END", "end": "END"}

# A bare year is a count, not a date, when one of these follows: "1500 troops", "2000 people".
COUNTED_NOUNS = frozenset(
    "people persons troops soldiers men women children civilians families households homes houses refugees "
    "residents members protesters demonstrators fighters militants rebels police officers prisoners "
    "km kilometres kilometers miles metres meters feet tons tonnes dollars euros pounds rubles hours hrs gmt utc "
    "cases deaths votes seats units rounds shells rockets missiles vehicles tanks aircraft villages".split()
)
# A preposition or modifier that makes a lone "May"/"March" a month rather than a verb.
MONTH_CUES = frozenset("in since until till by from during of through before after between and or to early late mid last this next".split())

FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|is\s+to|are\s+to|scheduled|planned|plans?\s+to|set\s+to|due\s+to|expected\s+to|"
    r"going\s+to|to\s+be\s+held|upcoming)\b|'ll\b",
    re.IGNORECASE,
)


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words; None for vague amounts ("several")."""
    text = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if "-" in text and all(part in NUMBER_WORDS for part in text.split("-")):
        return float(sum(NUMBER_WORDS[part] for part in text.split("-")))
    return float(NUMBER_WORDS[text]) if text in NUMBER_WORDS else None


def weekday_number(name: str) -> int:
    return WEEKDAYS.index(name.lower().removesuffix("'s"))


__all__ = ["month_number", "parse_number", "weekday_number"]
