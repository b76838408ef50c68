from datetime import date

from clashwatch.link.blocking import candidate_pairs
from clashwatch.link.cluster import average_linkage
from clashwatch.link.features import EVENT_CONFIG, Profile, compare, event_window, haversine_km, score, types_compatible
from clashwatch.records import Event


def test_haversine_matches_known_distance():
    assert abs(haversine_km(49.9935, 36.2304, 50.4501, 30.5234) - 410) < 5  # Kharkiv to Kyiv


def test_time_precision_widens_the_window():
    day = date(2022, 9, 13)
    assert event_window(Event(event_date=day, time_precision=1)) == (day, day)
    start, end = event_window(Event(event_date=day, time_precision=3))
    assert (end - start).days == 30
    week = Profile("w", date_start=date(2022, 9, 10), date_end=date(2022, 9, 16))
    same_day = Profile("d", date_start=day, date_end=day, precise_date=True)
    assert compare(week, same_day, None, EVENT_CONFIG).veto is None
    later = Profile("l", date_start=date(2022, 9, 20), date_end=date(2022, 9, 20), precise_date=True)
    assert "days apart" in compare(same_day, later, None, EVENT_CONFIG).veto


def test_type_compatibility_and_actor_order():
    assert types_compatible("Battles", "Explosions/Remote violence")
    assert not types_compatible("Protests", "Explosions/Remote violence")
    one = Profile("a", actors=frozenset({"army of x", "army of y"}), event_type="Battles", sub_event_type="Armed clash")
    other = Profile("b", actors=frozenset({"army of y", "army of x"}), event_type="Explosions/Remote violence")
    features = compare(one, other, 0.5, EVENT_CONFIG)
    assert features.actors == 1.0 and features.event_type == 0.4 and features.veto is None
    assert 0 < score(features, EVENT_CONFIG) < 1


def test_cross_border_reports_are_compared_by_distance_not_country():
    armenia = Profile("a", latitude=39.84, longitude=45.67, geo_precision=1, iso3="ARM")
    azerbaijan = Profile("b", latitude=39.90, longitude=45.95, geo_precision=1, iso3="AZE")
    assert compare(armenia, azerbaijan, None, EVENT_CONFIG).veto is None
    assert len(candidate_pairs([armenia, azerbaijan], [True, True], 1)) == 1


def test_blocking_compares_only_nearby_days_and_places():
    profiles = [
        Profile(f"p{day}-{country}", date_start=date(2022, 1, day), date_end=date(2022, 1, day), iso3=country)
        for day in range(1, 29)
        for country in ("SYR", "UKR", "MLI")
    ]
    pairs = candidate_pairs(profiles, [True] * len(profiles), max_gap_days=1)
    # Each profile meets only the same country on the day before and after: 27 neighbouring days x 3 countries.
    assert len(pairs) == 27 * 3
    assert all(profiles[i].iso3 == profiles[j].iso3 for i, j in pairs.tolist())


def test_average_linkage_does_not_chain_through_one_neighbour():
    # a-b and b-c are strong but a-c was never alike: mean linkage keeps c out of {a, b}.
    clustering = average_linkage(3, [(0, 1, 0.9), (1, 2, 0.8)], threshold=0.6)
    assert clustering.labels == [0, 0, 2]
    assert clustering.merges[0].strongest_pair == (0, 1)
