from datetime import date

from clashwatch.link.blocking import candidate_pairs
from clashwatch.link.cluster import average_linkage
from clashwatch.link.features import (EVENT_CONFIG, Profile, ProfileColumns, compare, event_window, haversine_km, score,
                                      types_compatible)
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
    assert len(candidate_pairs(ProfileColumns([armenia, azerbaijan]), [True, True], 1)) == 1


def test_blocking_compares_only_nearby_days_and_places():
    profiles = [
        Profile(f"p{day}-{country}", date_start=date(2022, 1, day), date_end=date(2022, 1, day), iso3=country)
        for day in range(1, 29)
        for country in ("SYR", "UKR", "MLI")
    ]
    pairs = candidate_pairs(ProfileColumns(profiles), [True] * len(profiles), max_gap_days=1)
    # Each profile meets only the same country on the day before and after: 27 neighbouring days x 3 countries.
    assert len(pairs) == 27 * 3
    assert all(profiles[i].iso3 == profiles[j].iso3 for i, j in pairs.tolist())


def test_average_linkage_does_not_chain_through_one_neighbour():
    # a-b and b-c are strong but a-c was never alike: mean linkage keeps c out of {a, b}.
    clustering = average_linkage(3, [(0, 1, 0.9), (1, 2, 0.8)], threshold=0.6)
    assert clustering.labels == [0, 0, 2]
    assert clustering.merges[0].strongest_pair == (0, 1)


def test_a_report_placed_in_a_region_agrees_with_a_town_inside_it():
    region = Profile("r", latitude=39.82, longitude=46.75, geo_precision=3, area_radius_km=150.0)  # Nagorno-Karabakh
    town = Profile("t", latitude=39.84, longitude=45.67, geo_precision=1)  # Jermuk, 92 km from the centroid
    inside = compare(region, town, None, EVENT_CONFIG)
    assert inside.veto is None and inside.place == 1.0
    far_town = Profile("f", latitude=40.04, longitude=70.78, geo_precision=1)  # Batken, Kyrgyzstan
    assert "km apart" in compare(region, far_town, None, EVENT_CONFIG).veto
    # Two towns the same distance apart are not one place.
    other_town = Profile("o", latitude=39.82, longitude=46.75, geo_precision=1)
    assert compare(other_town, town, None, EVENT_CONFIG).veto is not None


def test_reports_naming_one_side_each_neither_agree_nor_disagree_on_actors():
    armenia = Profile("a", actors=frozenset({"military forces of armenia"}))
    azerbaijan = Profile("b", actors=frozenset({"military forces of azerbaijan"}))
    both = Profile("c", actors=frozenset({"military forces of armenia", "military forces of azerbaijan"}))
    third = Profile("d", actors=frozenset({"military forces of russia", "military forces of ukraine"}))
    assert compare(armenia, azerbaijan, None, EVENT_CONFIG).actors is None
    assert compare(armenia, both, None, EVENT_CONFIG).actors == 1.0
    assert compare(both, third, None, EVENT_CONFIG).actors == 0.0


def test_a_wide_area_is_compared_with_towns_beyond_the_neighbouring_cells():
    day = date(2022, 9, 13)
    country = Profile("c", date_start=day, date_end=day, latitude=40.0, longitude=45.0, area_radius_km=300.0, iso3="ARM")
    town = Profile("t", date_start=day, date_end=day, latitude=39.64, longitude=47.55, iso3="AZE")  # 2+ cells east
    assert len(candidate_pairs(ProfileColumns([country, town]), [False, True], 1)) == 1
    assert len(candidate_pairs(ProfileColumns([country, town]), [True, False], 1)) == 1
    point = Profile("p", date_start=day, date_end=day, latitude=40.0, longitude=45.0, iso3="ARM")
    assert len(candidate_pairs(ProfileColumns([point, town]), [True, True], 1)) == 0


def test_a_vetoed_pair_never_shares_a_cluster_even_when_the_mean_would_allow_it():
    from clashwatch.link.cluster import cluster_profiles

    day = date(2022, 9, 13)

    def at(key: str, latitude: float) -> Profile:
        return Profile(key, text="Army shelled rebel positions near the river crossing.", date_start=day,
                       date_end=day, precise_date=True, latitude=latitude, longitude=30.0, geo_precision=1,
                       actors=frozenset({"army", "rebels"}), event_type="Battles", sub_event_type="Armed clash")

    # a1, a2 and a3 are one place, c 11 km north and d 30 km south: c and d are 41 km apart, beyond a town's
    # 40 km. c joins the three first; d's three strong pairs would then lift the mean of the four + d (one pair
    # vetoed, counting 0) above the threshold.
    profiles = [at("a1", 0.0), at("a2", 0.0), at("a3", 0.0), at("c", 0.1), at("d", -0.27)]
    assert "km apart" in compare(profiles[3], profiles[4], 1.0, EVENT_CONFIG).veto
    labels = cluster_profiles(profiles, EVENT_CONFIG).clustering.labels
    assert labels[:4] == [0, 0, 0, 0]
    assert labels[4] == 4
