"""Geoparsing against GeoWebNews, LGL, TR-News and GeoVirus: toponym recognition P/R/F1 and resolution error.

All give character offsets into each article's text (GeoVirus counts from 1). GeoWebNews also tags common nouns
and non-toponyms ("citizens", "Peel Regional Police"); its toponyms are the annotations that carry coordinates, as
in the corpus authors' own evaluation. LGL's and TR-News' toponyms are all their annotations; those with a GeoNames
tag carry coordinates.

Recognition is scored strictly (same start and end) and leniently (overlapping spans). Resolution is scored on the
gold toponyms with coordinates that were recognised (overlap): accuracy within 161 km (100 miles), mean and median
great-circle error.
"""

from __future__ import annotations

import csv
import re
import statistics
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from clashwatch.extract.places.gazetteer import great_circle_km

ACCURACY_RADIUS_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    latitude: float | None
    longitude: float | None


@dataclass
class GoldDocument:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


@dataclass
class GeoparsingScores:
    corpus: str
    documents: int
    gold: int
    predicted: int
    exact_matches: int
    overlap_gold_found: int
    overlap_predictions_right: int
    resolved: int  # recognised gold toponyms with coordinates
    errors_km: list[float] = field(default_factory=list, repr=False)
    seconds: float = 0.0
    layout: str = ""

    @property
    def precision(self) -> float:
        return self.exact_matches / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.exact_matches / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def lenient_precision(self) -> float:
        return self.overlap_predictions_right / self.predicted if self.predicted else 0.0

    @property
    def lenient_recall(self) -> float:
        return self.overlap_gold_found / self.gold if self.gold else 0.0

    @property
    def lenient_f1(self) -> float:
        return _f1(self.lenient_precision, self.lenient_recall)

    @property
    def accuracy_161(self) -> float:
        return sum(error <= ACCURACY_RADIUS_KM for error in self.errors_km) / len(self.errors_km) if self.errors_km else 0.0

    @property
    def mean_error_km(self) -> float:
        return statistics.fmean(self.errors_km) if self.errors_km else 0.0

    @property
    def median_error_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0

    def summary(self) -> dict[str, float | int | str]:
        return {
            "corpus": self.corpus,
            "layout": self.layout,
            "documents": self.documents,
            "gold_toponyms": self.gold,
            "predicted_toponyms": self.predicted,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "lenient_precision": round(self.lenient_precision, 3),
            "lenient_recall": round(self.lenient_recall, 3),
            "lenient_f1": round(self.lenient_f1, 3),
            "resolved_toponyms": self.resolved,
            "accuracy_at_161km": round(self.accuracy_161, 3),
            "mean_error_km": round(self.mean_error_km, 1),
            "median_error_km": round(self.median_error_km, 1),
            "seconds": round(self.seconds, 1),
        }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _float(text: str | None) -> float | None:
    return float(text) if text not in (None, "") else None


class UnknownLayoutError(ValueError):
    """The XML is none of the gold layouts this evaluator reads, so scoring it would report a meaningless 0."""


@dataclass
class GoldCorpus:
    layout: str
    documents: list[GoldDocument]


LAYOUT_GAZTAG = "toponym-gaztag (LGL, TR-News)"
LAYOUT_TYPED = "toponym-latitude (GeoWebNews)"
LAYOUT_LOCATION = "location (GeoVirus)"


def read_corpus(path: Path) -> GoldCorpus:
    """LGL / TR-News (``<toponym>`` with ``<gaztag>``), GeoWebNews (``<toponym>`` with ``<latitude>``, ``<type>``)
    or GeoVirus (``<locations><location>`` with ``<name>``, ``<lat>``, ``<lon>``) XML."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise UnknownLayoutError(f"{path}: not well-formed XML ({error})") from error
    articles = list(root.iter("article"))
    if any(article.find("locations") is not None for article in articles):
        return GoldCorpus(LAYOUT_LOCATION, _location_documents(articles))
    if any(article.find("toponyms") is not None for article in articles):
        gaztag = any(toponym.find("gaztag") is not None for toponym in root.iter("toponym"))
        return GoldCorpus(LAYOUT_GAZTAG if gaztag else LAYOUT_TYPED, _toponym_documents(articles))
    raise UnknownLayoutError(
        f"{path}: unknown geoparsing layout (root <{root.tag}>, {len(articles)} <article> elements, none with "
        "<toponyms> or <locations>); expected LGL / TR-News, GeoWebNews or GeoVirus XML"
    )


def _document(article: ElementTree.Element, index: int) -> GoldDocument:
    return GoldDocument(article.get("docid") or article.get("file") or str(index), article.findtext("text") or "")


def _toponym_documents(articles: list[ElementTree.Element]) -> list[GoldDocument]:
    documents = []
    for index, article in enumerate(articles):
        document = _document(article, index)
        for toponym in article.iter("toponym"):
            start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
            gaztag = toponym.find("gaztag")
            if gaztag is not None:
                latitude, longitude = _float(gaztag.findtext("lat")), _float(gaztag.findtext("lon"))
            else:
                latitude, longitude = _float(toponym.findtext("latitude")), _float(toponym.findtext("longitude"))
                if latitude is None and toponym.find("type") is not None:
                    continue  # GeoWebNews: not a toponym (a common noun, an organisation, a language...)
            document.toponyms.append(GoldToponym(start, end, document.text[start:end], latitude, longitude))
        documents.append(document)
    return documents


def _location_documents(articles: list[ElementTree.Element]) -> list[GoldDocument]:
    """GeoVirus counts ``<start>`` from 1; whether ``<end>`` is inclusive, and whether a file of this layout counts
    from 0 instead, is settled by which convention makes more spans spell their ``<name>``."""
    documents, spans = [], []
    for index, article in enumerate(articles):
        document = _document(article, index)
        for location in article.iter("location"):
            start, end = int(location.findtext("start")), int(location.findtext("end"))
            spans.append((document, start, end, (location.findtext("name") or "").strip(),
                          _float(location.findtext("lat")), _float(location.findtext("lon"))))
        documents.append(document)
    # (start shift, end shift): from 1 with inclusive end, from 1 with exclusive end, from 0 with exclusive end
    conventions = [(1, 0), (1, 1), (0, 0)]
    start_shift, end_shift = max(conventions, key=lambda shifts: sum(
        document.text[start - shifts[0] : end - shifts[1]] == name for document, start, end, name, *_ in spans
    ))
    for document, start, end, _name, latitude, longitude in spans:
        start, end = start - start_shift, end - end_shift
        document.toponyms.append(GoldToponym(start, end, document.text[start:end], latitude, longitude))
    return documents


def evaluate_documents(documents: Iterable[GoldDocument], corpus: str = "", index_path: Path | None = None) -> GeoparsingScores:
    from clashwatch.extract.places import Geoparser
    from clashwatch.nlp import load_pipeline

    documents = list(documents)
    geoparser = Geoparser(index_path)
    nlp = load_pipeline()
    started = time.perf_counter()
    scores = GeoparsingScores(corpus, len(documents), 0, 0, 0, 0, 0, 0)
    for document, doc in zip(documents, nlp.pipe(document.text for document in documents)):
        predicted = geoparser.find_toponyms(doc)
        gold = document.toponyms
        scores.gold += len(gold)
        scores.predicted += len(predicted)
        exact = {(toponym.start, toponym.end) for toponym in gold}
        scores.exact_matches += sum((toponym.span.start, toponym.span.end) in exact for toponym in predicted)
        scores.overlap_predictions_right += sum(
            any(_overlaps(toponym.span.start, toponym.span.end, item) for item in gold) for toponym in predicted
        )
        for item in gold:
            match = next((toponym for toponym in predicted if _overlaps(toponym.span.start, toponym.span.end, item)), None)
            if match is None:
                continue
            scores.overlap_gold_found += 1
            if item.latitude is not None and item.longitude is not None:
                scores.resolved += 1
                scores.errors_km.append(great_circle_km(item.latitude, item.longitude, match.latitude, match.longitude))
    scores.seconds = time.perf_counter() - started
    return scores


def _overlaps(start: int, end: int, gold: GoldToponym) -> bool:
    return start < gold.end and gold.start < end


def evaluate_file(path: Path, limit: int | None = None, index_path: Path | None = None) -> GeoparsingScores:
    corpus = read_corpus(path)
    documents = corpus.documents[:limit] if limit else corpus.documents
    scores = evaluate_documents(documents, path.stem, index_path)
    scores.layout = corpus.layout
    return scores


# ---------------------------------------------------------------------------------------------------------------
# Event places on ACLED notes: the full coder's main event per note against the row's location.

# ACLED notes qualify a place with its districts and province ("in Kalaiya city (Bara district, Madhesh)"), which
# news rarely does; the second variant drops such a parenthetical so the score also says how the coder does without.
_ADMIN_PARENTHETICAL = re.compile(r"(?<=[\w.'])(\s+(?:city|town|village|district|area|province))?\s+\((?![A-Z]+\))[A-Z][^()\d]*\)")
ACLED_PLACE_RADIUS_KM = 25.0


@dataclass(frozen=True)
class AcledPlaceRow:
    event_id: str
    event_date: date | None
    notes: str
    country: str
    admin1: str
    location: str
    latitude: float
    longitude: float
    geo_precision: int


@dataclass(frozen=True)
class PlaceOutcome:
    row: AcledPlaceRow
    note: str  # the text the coder read
    location: str | None
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None

    @property
    def error_km(self) -> float | None:
        if self.latitude is None or self.longitude is None:
            return None
        return great_circle_km(self.row.latitude, self.row.longitude, self.latitude, self.longitude)

    @property
    def country_right(self) -> bool:
        return (self.country or "").casefold() == self.row.country.casefold()

    @property
    def admin1_right(self) -> bool:
        return self.admin1 is not None and _admin_key(self.admin1) == _admin_key(self.row.admin1)

    @property
    def within_radius(self) -> bool:
        error = self.error_km
        return error is not None and error <= ACLED_PLACE_RADIUS_KM


def _admin_key(name: str) -> str:
    """Gazetteers and ACLED name some provinces with their kind and some without ("Donetsk Oblast", "Donetsk")."""
    from clashwatch.extract.places.names import name_key
    from clashwatch.extract.places.toponyms import AREA_NOUNS

    words = name_key(name).split()
    while len(words) > 1 and words[-1] in AREA_NOUNS | {"oblast", "krai", "kray", "city", "capital"}:
        words.pop()
    return " ".join(words)


def without_admin_parentheticals(note: str) -> str:
    return _ADMIN_PARENTHETICAL.sub(lambda match: match.group(1) or "", note)


def read_acled_places(path: Path) -> list[AcledPlaceRow]:
    """The rows of an ACLED CSV that have coordinates, with the place columns the event coder is scored on."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            AcledPlaceRow(
                event_id=row.get("event_id_cnty") or str(index),
                event_date=date.fromisoformat(row["event_date"][:10]) if row.get("event_date") else None,
                notes=row["notes"],
                country=row.get("country", ""),
                admin1=row.get("admin1", ""),
                location=row.get("location", ""),
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                geo_precision=int(row.get("geo_precision") or 0),
            )
            for index, row in enumerate(csv.DictReader(handle))
            if row.get("latitude") and row.get("longitude")
        ]


def code_places(rows: Iterable[AcledPlaceRow], coder, strip_admin: bool = False) -> list[PlaceOutcome]:
    """The place of the coder's main event (its first that is not background) for each row's note."""
    from clashwatch.evaluate.acled import clean_note
    from clashwatch.records import Article

    rows = list(rows)
    notes = [clean_note(row.notes) for row in rows]
    if strip_admin:
        notes = [without_admin_parentheticals(note) for note in notes]
    articles = (Article(text=note, published=row.event_date) for note, row in zip(notes, rows))
    outcomes = []
    for row, note, (_, events) in zip(rows, notes, coder.code_many(articles)):
        main = next((event for event in events if not event.is_background), None)
        outcomes.append(
            PlaceOutcome(
                row, note,
                main.location if main else None,
                main.country if main else None,
                main.admin1 if main else None,
                main.latitude if main else None,
                main.longitude if main else None,
            )
        )
    return outcomes


def score_places(outcomes: list[PlaceOutcome]) -> dict:
    exact = [outcome for outcome in outcomes if outcome.row.geo_precision == 1]

    def share(items: list[PlaceOutcome], test) -> float:
        return round(sum(map(test, items)) / len(items), 3) if items else 0.0

    return {
        "n": len(outcomes),
        "country_accuracy": share(outcomes, lambda outcome: outcome.country_right),
        "admin1_accuracy": share(outcomes, lambda outcome: outcome.admin1_right),
        "within_25km": share(outcomes, lambda outcome: outcome.within_radius),
        "n_geo_precision_1": len(exact),
        "within_25km_geo_precision_1": share(exact, lambda outcome: outcome.within_radius),
        "no_place": share(outcomes, lambda outcome: outcome.latitude is None),
    }


def evaluate_acled_places(path: Path, limit: int | None = None, half: str | None = None) -> dict:
    """Event-place accuracy of the full coder on an ACLED CSV: notes as written, and without the admin
    parentheticals ACLED adds after place names."""
    from clashwatch.evaluate.acled import half_of
    from clashwatch.extract import EventCoder

    rows = read_acled_places(path)
    rows = half_of(rows, half) if half else rows
    rows = rows[:limit] if limit else rows
    coder = EventCoder()
    started = time.perf_counter()
    report = {
        "as_written": score_places(code_places(rows, coder)),
        "without_admin_parentheticals": score_places(code_places(rows, coder, strip_admin=True)),
    }
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["half"] = half or "all"
    return report
