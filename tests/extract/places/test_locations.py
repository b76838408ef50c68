import pytest

from clashwatch.extract.places import event_locations


@pytest.fixture(scope="module")
def seed(nlp, geoparser, seed_article_text):
    doc = nlp(seed_article_text)
    return doc, geoparser.find_toponyms(doc)


def _sentence(doc, start_of_text):
    return next(sentence for sentence in doc.sents if start_of_text in sentence.text)


def test_seed_towns_and_region_resolve_to_azerbaijan(seed):
    _, toponyms = seed
    found = {toponym.span.text: toponym for toponym in toponyms}
    for town, geonameid in (("Dashkasan", 586765), ("Kalbajar", 586268), ("Lachin", 147625)):
        assert found[town].feature == "town" and found[town].country_iso3 == "AZE"
        assert found[town].geonameid == geonameid
    karabakh = found["Nagorno-Karabakh"]
    assert karabakh.feature == "region" and karabakh.country_iso3 == "AZE" and karabakh.geo_precision == 3
    assert all(toponym.country_iso3 == "AZE" for toponym in toponyms if toponym.span.text == "Azerbaijani")


def test_a_list_of_places_near_which_shelling_happened(seed):
    doc, toponyms = seed
    sentence = _sentence(doc, "It also accused Armenia")
    places = event_locations(sentence, toponyms, ["ARM", "AZE"])
    assert [place.name for place in places] == ["Dashkasan", "Kalbajar", "Lachin"]
    assert all(place.geo_precision == 2 for place in places)  # "near"
    assert all(place.relative is not None for place in places)


def test_a_speakers_country_and_an_owner_are_not_event_places(seed):
    doc, toponyms = seed
    sentence = _sentence(doc, "Armenia's defense ministry said")
    places = event_locations(sentence, toponyms, ["ARM", "AZE"])
    assert "Armenia" not in [place.name for place in places]
    firefight = event_locations(_sentence(doc, "The firefight occurred"), toponyms, ["ARM", "AZE"])
    assert [place.name for place in firefight] == ["Nagorno-Karabakh"]  # not "Azerbaijan's borders"


def test_a_sentence_without_places_falls_back_to_the_articles_main_place(seed):
    doc, toponyms = seed
    sentence = _sentence(doc, "Both military and civilian infrastructure")
    places = event_locations(sentence, toponyms, ["ARM", "AZE"])
    assert len(places) == 1
    assert places[0].country_iso3 == "AZE" and places[0].geo_precision >= 2
    assert places[0].relative is None


def test_an_article_with_no_place_gives_none(nlp, geoparser):
    doc = nlp("Two men were hurt when the fighting began. The army said it would respond.")
    toponyms = geoparser.find_toponyms(doc)
    assert toponyms == []
    assert event_locations(next(iter(doc.sents)), toponyms, []) == []


def test_a_country_named_as_the_scene_is_refined_to_the_articles_town_in_it(nlp, geoparser):
    doc = nlp("Shelling hit Bakhmut on Monday, killing three. Fighting continued in Ukraine on Tuesday.")
    toponyms = geoparser.find_toponyms(doc)
    second = list(doc.sents)[1]
    places = event_locations(second, toponyms, ["UKR", "RUS"])
    assert [place.name for place in places] == ["Bakhmut"] and places[0].geo_precision == 2


def test_the_object_of_an_attack_is_a_place_and_the_region_around_it_is_dropped(nlp, geoparser):
    doc = nlp("Israeli airstrikes hit Khan Younis in the southern Gaza Strip on Tuesday. The US urged Israel to stop.")
    toponyms = geoparser.find_toponyms(doc)
    first, second = list(doc.sents)
    assert [place.name for place in event_locations(first, toponyms, ["ISR"])] == ["Khan Younis"]
    # "urged Israel": a party, not a place; the sentence falls back to the article's main place.
    fallback = event_locations(second, toponyms, ["ISR"])
    assert [place.name for place in fallback] == ["Khan Younis"] and fallback[0].geo_precision == 2


def test_names_that_only_describe_a_thing_are_no_scene(nlp):
    from clashwatch.extract.places import Geoparser, event_locations

    doc = nlp("Protesters in Tbilisi rallied on Sunday. Protesters waved Georgian and European Union flags and gathered outside the parliament building.")
    toponyms = Geoparser().find_toponyms(doc)
    second = list(doc.sents)[1]
    assert [toponym.name for toponym in event_locations(second, toponyms, ["GEO"])] == ["Tbilisi"]
