"""Admin-hierarchy context in event sentences: "X (A district, B)", "X, A, B", nationality words, and fallbacks.

The sentences are written for these tests in the style of conflict-event reports.
"""

import pytest

from clashwatch.evaluate.geoparsing import without_admin_parentheticals
from clashwatch.extract.places import event_locations


@pytest.fixture(scope="module")
def locate(toponyms_of):
    def first_location(text: str, actor_iso3s: list[str] = ()):
        doc, toponyms = toponyms_of(text)
        places = event_locations(next(iter(doc.sents)), toponyms, list(actor_iso3s))
        return places[0] if places else None

    return first_location


def test_a_parenthetical_province_rules_out_a_foreign_namesake(locate):
    place = locate("Locals held a protest at Winder town (Las Bela district, Balochistan) over power cuts.")
    assert place is not None and place.country_iso3 == "PAK"


def test_a_comma_chain_ending_in_a_province_rules_out_a_foreign_namesake(locate):
    place = locate("Outside Cruz Grande, Izalco, Sonsonate, a gang member attacked police officers.")
    assert place is not None and place.country_iso3 == "SLV"


def test_a_nationality_word_does_not_pull_a_place_into_the_attackers_country(locate):
    place = locate("Russian forces shelled the village of Novohnativka, Donetsk.", ["RUS"])
    assert place is not None and place.country_iso3 == "UKR"


def test_a_country_in_a_modifier_or_an_institution_name_is_not_the_scene(locate):
    assert locate("People staged an anti-France demonstration in the town of Bougouni (Bougouni, Sikasso).").country_iso3 == "MLI"
    place = locate("People gathered in front of the Consulate of Ukraine in Denpasar city (Bali) to protest.")
    assert place.name == "Denpasar" and place.country_iso3 == "IDN"


def test_names_with_several_connectors_are_read_whole(locate):
    assert locate("In Croix-des-Bouquets, Ouest, a shooting was reported.").country_iso3 == "HTI"
    assert locate("In Santa Cruz de la Sierra, doctors marched through the city.").country_iso3 == "BOL"


def test_an_unknown_village_falls_back_to_the_areas_in_its_parenthesis(locate):
    place = locate("Militants sabotaged an antenna in the small town of Nadiagou (Pama, Kompienga).")
    assert place is not None and place.country_iso3 == "BFA" and place.geonameid is not None


def test_the_admin_parenthetical_variant_of_a_note():
    note = "A protest in Kalaiya city (Bara district, Madhesh) by members of the PTI (PTI) party."
    assert without_admin_parentheticals(note) == "A protest in Kalaiya city by members of the PTI (PTI) party."


def test_a_province_is_named_without_its_kind_word(locate):
    # Sri Lanka's "Western Province" is "Western" in reports; without that name Colombo was dropped as a namesake.
    place = locate("Residents protested in Kotahena (Colombo, Western) over fuel shortages.")
    assert place is not None and place.country_iso3 == "LKA"


def test_a_direction_before_an_unknown_name_is_no_province_called_east(toponyms_of):
    _, toponyms = toponyms_of("Militias clashed with regional forces in Dembecha (West Gojjam, Amhara) on Monday.")
    assert {toponym.country_iso3 for toponym in toponyms} == {"ETH"}


def test_part_of_an_unknown_village_name_is_not_a_famous_namesake(locate):
    place = locate("Militants shot two farmers near Cali Ceel Jaale village (Jowhar, Middle Shabelle).")
    assert place is not None and place.country_iso3 == "SOM"


@pytest.mark.parametrize(
    ("text", "not_a_place", "country"),
    [
        # a small foreign namesake gives way to the province of its sentence
        ("Gunmen killed a farmer in the Al Tabar area of the Kahla district, Maysan province.", "Tabar", "IRQ"),
        # "imeni" ("named after") joins a Russian-style name the gazetteer lacks; its first word is a Russian hamlet
        ("Ukrainian forces fired mortars at positions in Shakhta imeni Gagarina, Donetsk.", "Shakhta", "UKR"),
    ],
)
def test_part_of_an_unknown_name_is_no_foreign_namesake(toponyms_of, locate, text, not_a_place, country):
    _, toponyms = toponyms_of(text)
    assert not_a_place not in {toponym.span.text for toponym in toponyms}
    assert locate(text).country_iso3 == country


def test_struck_objects_and_modified_names_are_places(toponyms_of):
    _, struck = toponyms_of("Russian forces conducted airstrikes and shelled Mariupol with heavy weapons.")
    assert "Mariupol" in {toponym.span.text for toponym in struck}
    _, modified = toponyms_of("A large crowd marched in central Thessaloniki holding a banner.")
    assert [toponym.country_iso3 for toponym in modified] == ["GRC"]


def test_the_streets_of_a_town_are_in_the_town(toponyms_of):
    _, toponyms = toponyms_of("Around 1,400 people marched through the streets of Bregenz to protest.")
    assert [toponym.country_iso3 for toponym in toponyms] == ["AUT"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # Beni is a city of the DR Congo and, as "El Beni", a Bolivian department; this Beni lies in Nepal's Myagdi
        ("Party cadres staged a sit-in in Beni city (Myagdi district) against fuel prices.", "NPL"),
        # Yemen's Sa'dah written without its apostrophe; Oman has a district spelt Sadah too
        ("A coalition air raid targeted Haydan district (Sadah).", "YEM"),
        # "Northern" is a region of Ghana, Uganda and others; Adjumani is only Uganda's, and so is this Northern
        ("Members of one tribe beat up civilians in Apaa (Adjumani, Northern) over a land conflict.", "UGA"),
        # the model reads "Eibar (Basque Country" as one organisation
        ("On 2 April 2022, local residents protested in Eibar (Basque Country) against a new walkway.", "ESP"),
        # "in Waswali, Matagalpa": the gazetteer lacks Waswali, but "in" locates the chain
        ("On 26 April 2022, in Waswali, Matagalpa, prison guards beat up three prisoners.", "NIC"),
        # "Taizz - Usayfarah" read as a person's name; "Al Qahirah" is a district of Taizz, not Cairo by its alias
        ("On 13 April 2022, sniper fire targeted a woman in Taizz - Usayfarah (Al Qahirah).", "YEM"),
        # a parenthesis after a bridge, a road or a square names where it is
        ("On 2 February 2022, townspeople stood on the road at Bisri bridge (Jezzine) to protest power cuts.", "LBN"),
    ],
)
def test_parentheses_and_chains_decide_the_country(locate, text, country):
    place = locate(text)
    assert place is not None and place.country_iso3 == country
