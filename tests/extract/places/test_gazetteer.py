import time

from clashwatch.extract.places import Geoparser
from clashwatch.extract.places.gazetteer import ABBREVIATION, ALIAS, DEMONYM, NAME, great_circle_km
from clashwatch.extract.places.names import is_latin_name, name_key, spelling_keys


def test_name_keys_ignore_accents_case_periods_and_hyphens():
    assert name_key("Nagorno-Karabakh") == name_key("nagorno karabakh")
    assert name_key("U.S.") == "us"
    assert name_key("Laçın") == "lacin"
    assert name_key("Sant Julià de Lòria") == "sant julia de loria"
    assert name_key("Sa\u2019dah") == name_key("Sa'dah") == name_key("Sadah")  # transliteration marks are dropped


def test_only_capitalised_latin_alternate_names_are_indexed():
    assert is_latin_name("Dashkäsän")
    assert not is_latin_name("Дашкесан")
    assert not is_latin_name("ywkhary dshksan")  # GeoNames' lower-case romanisations
    assert not is_latin_name("AEX")  # an airport code


def test_lookup_finds_the_town_the_region_and_a_demonym(geoparser):
    found = geoparser.gazetteer.candidates([name_key("Dashkasan"), name_key("Nagorno-Karabakh"), "azerbaijani", "la"])
    dashkasan = [c for c in found["dashkasan"] if c.place.feature == "town"]
    assert [c.place.geonameid for c in dashkasan] == [586765]
    assert dashkasan[0].place.country_iso2 == "AZ" and dashkasan[0].name_kind == NAME
    assert found["nagorno karabakh"][0].place.feature == "region"
    assert [(c.place.name, c.name_kind) for c in found["azerbaijani"]] == [("Azerbaijan", DEMONYM)]
    assert any(c.place.name == "Louisiana" and c.name_kind == ABBREVIATION for c in found["la"])


def test_countries_carry_iso3_and_acled_style_names(geoparser):
    assert geoparser.gazetteer.country("RU").name == "Russia"
    assert geoparser.gazetteer.country("AZ").iso3 == "AZE"


def test_geoparser_is_cheap_to_construct_again(geoparser):
    started = time.perf_counter()
    again = Geoparser()
    assert again.gazetteer is geoparser.gazetteer
    assert time.perf_counter() - started < 0.5


def test_great_circle_distance():
    assert abs(great_circle_km(40.52, 46.08, 40.11, 46.04) - 45.7) < 1.0


def test_provinces_are_also_known_without_their_kind_word(geoparser):
    found = geoparser.gazetteer.candidates(["western", "nassriya", "donetsk"])
    # A direction is the province's own name ("Western Province"); other bare forms are aliases.
    assert ("LK", NAME) in {(c.place.country_iso2, c.name_kind) for c in found["western"] if c.place.feature == "admin1"}
    assert any(c.place.country_iso2 == "IQ" and c.name_kind == ALIAS for c in found["nassriya"])
    # A district named after its town is not called by the town's name alone.
    assert not any(c.place.feature == "admin2" and c.place.country_iso2 == "UA" for c in found["donetsk"])


def test_districts_without_a_listed_town_are_indexed_at_their_seat_or_province(geoparser):
    found = geoparser.gazetteer.candidates(["gorkha", "mayo sava", "rajouri"])
    # no town of Gorkha is listed: the district stands at the centre of its province, Gandaki
    gorkha = next(c.place for c in found["gorkha"] if c.place.feature == "admin2")
    assert (gorkha.country_iso2, gorkha.admin1) == ("NP", "Gandaki")
    assert great_circle_km(gorkha.latitude, gorkha.longitude, 28.0, 84.63) < 150
    # Russia's Donetsk district has no town linked to it either, but its seat bears its name: it stands there
    donetsk = [c.place for c in geoparser.gazetteer.candidates(["donetsk"])["donetsk"] if c.place.country_iso2 == "RU"]
    town, district = sorted(donetsk, key=lambda place: place.feature != "town")
    assert district.feature == "admin2" and (district.latitude, district.longitude) == (town.latitude, town.longitude)
    mayo_sava = next(c.place for c in found["mayo sava"] if c.place.feature == "admin2")
    assert mayo_sava.country_iso2 == "CM" and mayo_sava.admin1 is not None
    # a district listed only as "Rajouri District" is known by its bare name too
    assert any(c.place.country_iso2 == "IN" and c.place.feature == "admin2" for c in found["rajouri"])


def test_transliterations_of_one_name_share_a_loose_spelling_key():
    for one, other in [("Dhanusha", "Dhanusa"), ("Quamishli", "Qamishli"), ("Baramulla", "Baramula"), ("Hasakeh", "Al-Hasakah")]:
        assert spelling_keys(one) & spelling_keys(other)
    assert not spelling_keys("Dhanusha") & spelling_keys("Dhaka")
    assert spelling_keys("Chuy") == set()  # too short to tell apart from a hundred other names
