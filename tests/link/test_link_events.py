from datetime import date

from clashwatch.link import Action, AnalystDecision, link_events
from clashwatch.records import Stance


def test_three_reports_of_one_fight_become_one_contested_event(border_fight):
    result = link_events(border_fight)

    assert len(result.events) == 1
    event = result.events[0]
    assert sorted(result.members[event.id]) == ["baku-0", "wire-0", "yerevan-0"]
    assert len(event.claims) == 3
    assert event.contested  # the sides blame each other and give different tolls
    # The reporter's own assertion outranks either party's allegation.
    assert event.claims[0].claimant is None
    assert event.actor1 == "Military Forces of Azerbaijan (2003-)"
    # Neither party is a neutral source, so the lowest figure stated by anyone is the headline.
    assert event.fatalities == 49
    assert {claim.version["fatalities"] for claim in event.claims} == {0, 49, 50}
    assert result.decisions and all(decision.event_id == event.id for decision in result.decisions)
    assert all(decision.mean_score >= 0.6 for decision in result.decisions if not decision.analyst)


def test_similar_but_different_events_stay_apart(border_fight, make_report, places):
    kharkiv_at, izium_at = places["Kharkiv"], places["Izium"]
    wire = border_fight[0]
    next_week = make_report("later-0", wire.claims[0].evidence[0].text, day=date(2022, 9, 20))
    protest = make_report(
        "protest-0", "Protesters marched near Jermuk against the fighting.", event_type="Protests",
        sub_event_type="Peaceful protest", actor1="Protesters (Armenia)", actor2=None,
    )
    kharkiv = make_report(
        "kharkiv-0", "Russian forces clashed with Ukrainian troops near Kharkiv.", place=kharkiv_at, location="Kharkiv",
        iso3="UKR", actor1="Military Forces of Russia (2000-)", actor2="Military Forces of Ukraine (2019-)",
    )
    izium = make_report(
        "izium-0", "Russian forces clashed with Ukrainian troops near Izium.", place=izium_at, location="Izium",
        iso3="UKR", actor1="Military Forces of Russia (2000-)", actor2="Military Forces of Ukraine (2019-)",
    )
    result = link_events([wire, next_week, protest, kharkiv, izium])

    assert len(result.events) == 5
    assert result.vetoed_pairs >= 2  # the date gap and the incompatible types were vetoed, not merely outscored


def test_new_reports_link_into_existing_events_without_relinking_them(border_fight, make_report, places):
    kharkiv_at = places["Kharkiv"]
    first = link_events(border_fight[:2])
    existing = first.events
    assert len(existing) == 1
    unrelated = make_report("kharkiv-0", "Fighting near Kharkiv.", place=kharkiv_at, location="Kharkiv", iso3="UKR",
                            actor1="Military Forces of Russia (2000-)", actor2="Military Forces of Ukraine (2019-)")
    second = link_events([border_fight[2], unrelated], existing)

    by_id = {event.id: event for event in second.events}
    assert set(second.members[existing[0].id]) == {existing[0].id, "baku-0"}
    assert len(by_id[existing[0].id].claims) == 3
    assert second.members["kharkiv-0"] == ["kharkiv-0"]


def test_relinking_the_same_reports_gives_the_same_events(border_fight):
    once = link_events(border_fight)
    again = link_events(list(reversed(border_fight)))
    assert once.members == again.members
    assert [event.id for event in once.events] == [event.id for event in again.events]


def test_two_existing_events_never_merge_with_each_other(border_fight):
    wire, yerevan, baku = border_fight
    result = link_events([baku], [wire, yerevan])
    assert len(result.events) == 1  # baku joins one of them; the other existing event is untouched
    assert len(result.members[result.events[0].id]) == 2


def test_analyst_split_survives_relinking(border_fight):
    split = [AnalystDecision(Action.SPLIT, "baku-0", other) for other in ("wire-0", "yerevan-0")]
    result = link_events(border_fight, decisions=split)
    groups = sorted(sorted(members) for members in result.members.values())
    assert groups == [["baku-0"], ["wire-0", "yerevan-0"]]


def test_analyst_merge_overrides_the_scores(border_fight, make_report, places):
    kharkiv_at = places["Kharkiv"]
    wire = border_fight[0]
    elsewhere = make_report("kharkiv-0", "Fighting near Kharkiv.", place=kharkiv_at, location="Kharkiv", iso3="UKR")
    merged = link_events([wire, elsewhere], decisions=[AnalystDecision(Action.MERGE, "wire-0", "kharkiv-0")])
    assert len(merged.events) == 1
    assert merged.decisions[0].analyst
    # A later split of the same pair wins over the earlier merge.
    undone = link_events([wire, elsewhere], decisions=[AnalystDecision(Action.MERGE, "wire-0", "kharkiv-0"),
                                                       AnalystDecision(Action.SPLIT, "kharkiv-0", "wire-0")])
    assert len(undone.events) == 2


def test_a_denial_makes_the_event_contested_but_never_sets_the_headline(make_report):
    asserted = make_report("a-0", "Shelling hit Jermuk, officials said.", claimant="Armenian officials",
                           stance=Stance.ALLEGED, fatalities=3)
    denied = make_report("b-0", "Azerbaijan denied shelling Jermuk.", claimant="Azerbaijan's Ministry of Defense",
                         stance=Stance.DENIED, actor1="Military Forces of Armenia (2018-)",
                         actor2="Military Forces of Azerbaijan (2003-)")
    result = link_events([asserted, denied])
    assert len(result.events) == 1
    event = result.events[0]
    assert event.contested
    assert event.actor1 == "Military Forces of Azerbaijan (2003-)"
    assert event.fatalities == 3


def test_events_the_coder_split_from_one_sentence_stay_apart(make_report, places):
    sentence = "Azerbaijani troops shelled positions near Jermuk and Vardenis."
    jermuk = make_report("yerevan-0", sentence, event_type="Explosions/Remote violence",
                         sub_event_type="Shelling/artillery/missile attack", actor2=None)
    vardenis = make_report("yerevan-1", sentence, place=places["Vardenis"], location="Vardenis",
                           event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                           actor2=None)
    assert vardenis.claims[0].article_id == jermuk.claims[0].article_id  # one article, one sentence, two places
    assert len(link_events([jermuk, vardenis]).events) == 2
