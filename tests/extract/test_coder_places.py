"""Where the coder puts an event when the report names no place. The sentences are written for these tests."""

from clashwatch.records import Article


def test_an_event_without_a_place_takes_the_country_of_its_actors(coder):
    events = coder.code(Article(text="Al Shabaab militants attacked a checkpoint on Monday, killing one soldier."))
    assert events and events[0].location is None
    assert (events[0].iso3, events[0].country) == ("SOM", "Somalia")


def test_a_national_union_vouches_for_its_country_among_namesakes(coder):
    # Cordoba in Argentina is larger than Cordoba in Spain; the Spanish unions say which one is meant.
    events = coder.code(Article(text="Members of the UGT and CCOO unions gathered in Cordoba to demand higher wages."))
    assert events and events[0].country == "Spain"


def test_with_no_place_named_the_unions_named_give_the_country(coder):
    events = coder.code(Article(text="At the call of the CFTC and CFDT unions, workers demonstrated in front of their factory."))
    assert events and events[0].location is None and events[0].country == "France"
