"""The time stage scored against human annotation.

``evaluate_temporal(folder)``: TIMEX recognition and normalisation, TempEval-3 style, on TimeML files
(``*.tml``, AQUAINT / TempEval-3: TIMEX3 with a document creation time that anchors deictic expressions) or
WikiWars files (``*.xml``, TIMEX2, history narratives: run without an anchor, as their header date is only
when the page was saved). Strict recognition needs the same span (ignoring trailing punctuation), relaxed
any overlap; value F1 counts relaxed matches whose normalised value is right (precision over the system's
expressions, recall over the gold ones), as TempEval-3 scores attribute F1.

``evaluate_acled_dates(csv)``: ACLED notes stripped of their "On <date>," lead-in, published a few days after
the event: how often ``date_event`` gives exactly the gold event date.
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

from clashwatch.evaluate.metrics import PRF, prf
from clashwatch.extract.dates import date_event, find_time_expressions
from clashwatch.records import Span

# ACLED notes are written a few days after the event at the earliest; publication dates in the test follow suit.
ACLED_REPORT_DELAY = timedelta(days=3)


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str | None
    kind: str | None  # TIMEX3 type; None for TIMEX2, which has none


@dataclass
class AnnotatedDocument:
    name: str
    text: str
    anchor: date | None
    gold: list[GoldTimex]


@dataclass
class TemporalReport:
    corpus: str
    documents: int
    gold: int
    system: int
    strict: PRF
    relaxed: PRF
    value: PRF  # relaxed match with the right value
    type_accuracy: float | None  # among relaxed matches (TIMEX3 only)
    value_accuracy_by_type: dict[str, float] = field(default_factory=dict)
    value_errors: list[dict[str, str]] = field(default_factory=list)  # a sample, for reading


def read_timeml(path: Path) -> AnnotatedDocument:
    """A TimeML file: its TEXT section as plain text, the TIMEX3s in it, the DCT as anchor."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.DOTALL)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    text, gold = _strip_tags(body.group(1) if body else "", "TIMEX3")
    return AnnotatedDocument(path.stem, text, date.fromisoformat(dct.group(1)) if dct else None, gold)


def read_timex2(path: Path) -> AnnotatedDocument:
    """A WikiWars file: its TEXT section and TIMEX2s; no anchor (the narrative states its own dates)."""
    raw = path.read_text(encoding="utf-8")
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    text, gold = _strip_tags(body.group(1) if body else "", "TIMEX2")
    return AnnotatedDocument(path.name.split(".")[0], text, None, gold)


def _strip_tags(markup: str, tag: str) -> tuple[str, list[GoldTimex]]:
    pieces: list[str] = []
    length = 0
    open_tags: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    for token in re.split(r"(<[^>]+>)", markup):
        if not token.startswith("<"):
            plain = html.unescape(token)
            pieces.append(plain)
            length += len(plain)
        elif re.match(rf"<{tag}\b", token):
            attributes = dict(re.findall(r'(\w+)="([^"]*)"', token))
            if token.endswith("/>"):
                continue
            open_tags.append((length, attributes))
        elif token == f"</{tag}>" and open_tags:
            start, attributes = open_tags.pop()
            gold.append(GoldTimex(start, length, "", attributes.get("value") or attributes.get("val"), attributes.get("type")))
    text = "".join(pieces)
    return text, [GoldTimex(g.start, g.end, text[g.start : g.end], g.value, g.kind) for g in sorted(gold, key=lambda g: g.start)]


def normalise_value(value: str | None) -> str:
    """Spellings that mean the same TIMEX value: "2000-W7" is "2000-W07", "196X" (the 1960s) is "196"."""
    value = (value or "").strip().upper()
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    return re.sub(r"^(\d{3})X$", r"\1", value)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n.,;:'\"":
        end -= 1
    while start < end and text[start] in " \t\n":
        start += 1
    return start, end


def evaluate_temporal(folder: Path, limit: int | None = None, error_sample: int = 25) -> TemporalReport:
    """Score ``find_time_expressions`` on every annotated file in ``folder`` (TimeML or WikiWars)."""
    paths = sorted(folder.glob("*.tml")) or sorted(folder.glob("*.xml"))
    if not paths:
        raise FileNotFoundError(f"no .tml or .xml files in {folder}")
    reader = read_timeml if paths[0].suffix == ".tml" else read_timex2
    counts: Counter = Counter()
    by_type: Counter = Counter()
    by_type_right: Counter = Counter()
    errors: list[dict[str, str]] = []
    documents = [reader(path) for path in paths[:limit]]
    for document in documents:
        system = find_time_expressions(document.text, document.anchor)
        counts["gold"] += len(document.gold)
        counts["system"] += len(system)
        unmatched = list(system)
        for gold in document.gold:
            gold_span = _trimmed(document.text, gold.start, gold.end)
            match = next((e for e in unmatched if e.span.start < gold.end and gold.start < e.span.end), None)
            if match is None:
                continue
            unmatched.remove(match)
            counts["relaxed"] += 1
            counts["strict"] += _trimmed(document.text, match.span.start, match.span.end) == gold_span
            if gold.kind:
                counts["typed"] += 1
                counts["type_right"] += gold.kind == match.kind
            if gold.value is None:
                continue
            right = normalise_value(match.value) == normalise_value(gold.value)
            counts["value"] += right
            by_type[gold.kind or "TIMEX2"] += 1
            by_type_right[gold.kind or "TIMEX2"] += right
            if not right and len(errors) < error_sample:
                errors.append({"document": document.name, "text": gold.text, "gold": gold.value, "system": match.value, "rule": match.rule})
    gold_with_value = sum(1 for document in documents for gold in document.gold if gold.value is not None)
    return TemporalReport(
        corpus=folder.name,
        documents=len(documents),
        gold=counts["gold"],
        system=counts["system"],
        strict=_scores(counts["strict"], counts["system"], counts["gold"]),
        relaxed=_scores(counts["relaxed"], counts["system"], counts["gold"]),
        value=_scores(counts["value"], counts["system"], gold_with_value),
        type_accuracy=round(counts["type_right"] / counts["typed"], 4) if counts["typed"] else None,
        value_accuracy_by_type={kind: round(by_type_right[kind] / total, 4) for kind, total in sorted(by_type.items())},
        value_errors=errors,
    )


def _scores(correct: int, system: int, gold: int) -> PRF:
    score = prf(correct, system - correct, gold - correct)
    return PRF(round(score.precision, 4), round(score.recall, 4), round(score.f1, 4), gold)


# --- ACLED event dates ----------------------------------------------------------------------------------------

# "On 3 January 2022,", "Around 5 March 2022 (week of),", "Displacement: Around 5 March 2022,", "Between 1 and 3 May 2022,"
_ACLED_LEAD_IN = re.compile(r"^(?:[A-Z][\w /-]{0,40}:\s+)?(?:[A-Z][a-z]+\s+(?:of\s+)?)?[^,]{0,40}?\b20\d\d\b(?:\s*\([^)]*\))?,\s*")
_FIRST_SENTENCE = re.compile(r"^.+?(?:[.!?](?=\s+[A-Z\"(])|$)", re.DOTALL)


@dataclass
class AcledDateReport:
    events: int
    exact: float  # share of events dated exactly the gold event_date
    exact_with_expression: float | None  # the same among notes whose event sentence has a time expression
    with_expression: int
    precision_agreement: float  # share whose ACLED time_precision equals the one given
    rules: dict[str, int]  # which kind of rule dated the events
    errors: list[dict[str, str]] = field(default_factory=list)


def strip_acled_lead_in(note: str) -> str:
    """The note without its opening "On <date>," (and any "Label:" before it)."""
    return _ACLED_LEAD_IN.sub("", note.strip(), count=1)


def evaluate_acled_dates(path: Path, limit: int | None = None, error_sample: int = 25) -> AcledDateReport:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(islice(csv.DictReader(handle), limit))
    exact = with_expression = exact_with_expression = precision_agreement = 0
    rules: Counter = Counter()
    errors: list[dict[str, str]] = []
    for row in rows:
        gold = date.fromisoformat(row["event_date"])
        note = strip_acled_lead_in(row["notes"])
        sentence_text = _FIRST_SENTENCE.match(note).group(0) if note else ""
        published = gold + ACLED_REPORT_DELAY
        expressions = find_time_expressions(note, published)
        result = date_event(Span.of(note, 0, len(sentence_text)), expressions, published)
        right = result.date == gold
        exact += right
        precision_agreement += str(result.precision) == str(row["time_precision"]).strip()
        rules[result.rule.split(":")[0]] += 1
        if result.rule != "publication date":
            with_expression += 1
            exact_with_expression += right
        if not right and result.rule != "publication date" and len(errors) < error_sample:
            errors.append({"gold": row["event_date"], "system": str(result.date), "rule": result.rule, "note": note[:200]})
    total = len(rows)
    return AcledDateReport(
        events=total,
        exact=round(exact / total, 4) if total else 0.0,
        exact_with_expression=round(exact_with_expression / with_expression, 4) if with_expression else None,
        with_expression=with_expression,
        precision_agreement=round(precision_agreement / total, 4) if total else 0.0,
        rules=dict(rules.most_common()),
        errors=errors,
    )
