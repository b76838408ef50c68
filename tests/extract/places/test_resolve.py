def _resolved(toponyms_of, text):
    return {toponym.span.text: toponym for toponym in toponyms_of(text)[1]}


def test_a_qualifier_picks_the_right_namesake(toponyms_of):
    found = _resolved(toponyms_of, "A woman from Alexandria, La., was arrested on Monday.")
    assert found["Alexandria"].admin1 == "Louisiana"
    assert found["Alexandria"].country_iso3 == "USA"


def test_without_context_the_prominent_namesake_wins(toponyms_of):
    found = _resolved(toponyms_of, "Protesters gathered in Alexandria on Friday.")
    assert found["Alexandria"].country_iso3 == "EGY"


def test_other_places_of_the_article_decide_the_country(toponyms_of):
    american = _resolved(toponyms_of, "Storms hit Atlanta and Savannah. Georgia declared an emergency.")
    assert american["Georgia"].country_iso3 == "USA" and american["Georgia"].feature == "admin1"
    caucasian = _resolved(toponyms_of, "Troops left Tbilisi and Gori. Georgia declared an emergency.")
    assert caucasian["Georgia"].country_iso3 == "GEO" and caucasian["Georgia"].feature == "country"


def test_nearby_places_resolve_together(toponyms_of):
    found = _resolved(toponyms_of, "The fire spread from Athens to Tyler and Palestine in Henderson County, Texas.")
    assert found["Athens"].admin1 == "Texas"


def test_a_capital_beats_the_state_of_the_same_name(toponyms_of):
    found = _resolved(toponyms_of, "Officials in Washington announced new sanctions.")
    assert found["Washington"].feature == "town" and abs(found["Washington"].longitude + 77.04) < 0.2
