"""Actors, inter codes and targets from real parses (en_core_web_sm), on the seed article and short news sentences."""

from __future__ import annotations

import csv
import re
from datetime import date

import pycountry
import pytest

from clashwatch.extract.actors import ActorContext, actor_dictionary, event_parties, find_actors


def first_sentence(nlp, text):
    return next(nlp(text).sents)


def roles_of(nlp, text, event_type, sub_event_type, country, claimant=None, when=None):
    return find_actors(first_sentence(nlp, text), event_type, sub_event_type, ActorContext(country, claimant, when))


def seed_sentence(nlp, text, opening):
    return next(sent for sent in nlp(text).sents if sent.text.lstrip('"\n ').startswith(opening))


def test_seed_azerbaijani_forces_targeted_the_armenian_claimants_positions(nlp, seed_article_text):
    sentence = seed_sentence(nlp, seed_article_text, "Armenia's defense ministry said")
    roles = find_actors(sentence, "Explosions/Remote violence", "Shelling/artillery/missile attack", ActorContext("AZE", "ARM"))
    assert roles.actor1.name == "Military Forces of Azerbaijan (2003-)"
    assert roles.actor1.inter == 1 and roles.actor1.iso3 == "AZE"
    assert roles.actor1.span.text == "Azerbaijani armed forces"
    assert seed_article_text[roles.actor1.span.start : roles.actor1.span.end] == "Azerbaijani armed forces"
    assert roles.actor2.name == "Military Forces of Armenia (2018-)"  # "its positions": the claimant's
    assert roles.target.text == "its positions"
    assert roles.interaction == 18  # Armenia's forces in Azerbaijan count as external forces


def test_seed_accused_armenia_of_shelling_makes_armenia_the_attacker(nlp, seed_article_text):
    sentence = seed_sentence(nlp, seed_article_text, "It also accused Armenia")
    roles = find_actors(sentence, "Explosions/Remote violence", "Shelling/artillery/missile attack", ActorContext("AZE", "AZE"))
    assert roles.actor1.name == "Military Forces of Armenia (2018-)"
    assert roles.actor1.span.text == "Armenia"


def test_protesters_take_the_event_country_and_police_the_other_side(nlp):
    roles = roles_of(
        nlp, "Police fired tear gas at hundreds of demonstrators in Kampala on Monday.",
        "Protests", "Excessive force against protesters", "UGA", when=date(2022, 3, 1),
    )
    assert roles.actor1.name == "Protesters (Uganda)" and roles.actor1.inter == 6
    assert roles.actor2.name == "Police Forces of Uganda (1986-)" and roles.actor2.inter == 1
    assert roles.interaction == 16


def test_peaceful_protest_is_by_generic_protesters_with_no_second_actor(nlp):
    roles = roles_of(nlp, "Residents blocked the highway to demand water.", "Protests", "Peaceful protest", "BOL")
    assert roles.actor1.name == "Protesters (Bolivia)"
    assert roles.actor2 is None and roles.interaction == 60


def test_gunmen_killing_villagers_is_an_unidentified_group_against_civilians(nlp):
    roles = roles_of(nlp, "Unidentified gunmen killed three villagers in Zamfara state.", "Violence against civilians", "Attack", "NGA")
    assert roles.actor1.name == "Unidentified Armed Group (Nigeria)" and roles.actor1.inter == 3
    assert roles.actor2.name == "Civilians (Nigeria)" and roles.actor2.inter == 7
    assert roles.interaction == 37
    assert roles.target.text == "three villagers"


def test_group_alias_is_normalised_and_the_attacked_base_names_the_state(nlp):
    roles = roles_of(nlp, "Al-Shabaab militants attacked Somali soldiers near Afgoye.", "Battles", "Armed clash", "SOM")
    assert roles.actor1.name == "Al Shabaab" and roles.actor1.inter == 2
    assert roles.actor2.name.startswith("Military Forces of Somalia")
    assert roles.interaction == 12


def test_passive_by_agent_is_the_attacker(nlp):
    roles = roles_of(nlp, "The convoy was ambushed by Houthi rebels near Marib.", "Battles", "Armed clash", "YEM")
    assert roles.actor1.name == "Military Forces of Yemen (2016-) Supreme Political Council"


def test_named_group_follows_its_time_bounds(nlp):
    text = "Taliban fighters attacked a checkpoint in Kunduz."
    before = roles_of(nlp, text, "Battles", "Armed clash", "AFG", when=date(2020, 5, 1))
    after = roles_of(nlp, text, "Battles", "Armed clash", "AFG", when=date(2022, 5, 1))
    assert before.actor1.name == "Taliban" and before.actor1.inter == 2
    assert after.actor1.name == "Military Forces of Afghanistan (2021-)" and after.actor1.inter == 1


def test_foreign_state_forces_are_external_in_another_country(nlp):
    roles = roles_of(nlp, "Russian forces shelled residential areas of Kharkiv.", "Explosions/Remote violence", "Shelling/artillery/missile attack", "UKR")
    assert roles.actor1.name == "Military Forces of Russia (2000-)" and roles.actor1.inter == 8


def test_country_template_group_takes_the_event_country(nlp):
    roles = roles_of(nlp, "IS militants attacked Iraqi security forces in Kirkuk.", "Battles", "Armed clash", "IRQ")
    assert roles.actor1.name == "Islamic State (Iraq)"
    assert roles.actor2.name.startswith("Military Forces of Iraq")


def test_country_lookup_handles_adjectives_aliases_and_case():
    lexicon = actor_dictionary()
    assert lexicon.country_in("Azerbaijani armed forces") == "AZE"
    assert lexicon.country_in("the U.S. military") == "USA"
    assert lexicon.country_in("they told us") is None  # "us" is not the United States
    assert lexicon.state_force("Police", "IND", date(2022, 1, 5)) == "Police Forces of India (2014-)"
    assert lexicon.state_force("Military", "PAK", date(2022, 1, 5)) == "Military Forces of Pakistan (2018-2022)"


def _without_period(name: str) -> str:
    return re.sub(r"\s*\(\d{4}-(\d{4})?\)$", "", name or "").strip().lower()


@pytest.mark.slow
def test_actor1_matches_acled_on_the_dev_notes(nlp, eval_data):
    """find_actors on the first sentence of each ACLED note, given the gold event type and country (no coder yet)."""
    path = eval_data / "acled-2022-sample" / "acled_global_2022H1_dev.csv"
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    matched = with_actor2 = matched2 = 0
    for row, doc in zip(rows, nlp.pipe((row["notes"] for row in rows), batch_size=64)):
        country = pycountry.countries.get(numeric=row["iso"].zfill(3))
        context = ActorContext(country.alpha_3 if country else None, None, date.fromisoformat(row["event_date"]))
        roles = find_actors(next(doc.sents), row["event_type"], row["sub_event_type"], context)
        matched += _without_period(row["actor1"]) == _without_period(roles.actor1.name if roles.actor1 else "")
        if row["actor2"]:
            with_actor2 += 1
            matched2 += _without_period(row["actor2"]) == _without_period(roles.actor2.name if roles.actor2 else "")
    actor1_match, actor2_match = matched / len(rows), matched2 / with_actor2
    print(f"\nACLED dev actor1 match {actor1_match:.3f}, actor2 match {actor2_match:.3f} (n={len(rows)}, {with_actor2} with actor2)")
    assert actor1_match >= 0.65
    assert actor2_match >= 0.4


def test_attack_on_a_countrys_positions_hits_that_countrys_forces(nlp):
    text = "TBILISI, Georgia, Aug. 8, 2008 -- Russian troops launched an assault on Georgian posts near Tskhinvali, the ministry said."
    roles = roles_of(nlp, text, "Battles", "Armed clash", "GEO", "GEO", date(2008, 8, 8))
    assert roles.actor1.name.startswith("Military Forces of Russia")  # not Georgia, which the dateline names
    assert roles.actor2.name.startswith("Military Forces of Georgia")
    assert roles.target.text == "Georgian posts"


def test_a_police_checkpoint_is_held_by_the_police(nlp):
    roles = roles_of(nlp, "Militants attacked a police checkpoint in Kurram.", "Battles", "Armed clash", "PAK", when=date(2022, 3, 1))
    assert roles.actor1.name == "Unidentified Armed Group (Pakistan)"
    assert roles.actor2.name == "Police Forces of Pakistan (2018-2022)"


def test_national_saboteurs_in_an_interstate_fight_are_that_states_military(nlp):
    roles = roles_of(
        nlp, "Eritrean sabotage groups opened fire on Ethiopian army positions near Zalambessa.",
        "Battles", "Armed clash", "ETH", when=date(2020, 1, 1),
    )
    assert roles.actor1.name.startswith("Military Forces of Eritrea") and roles.actor1.iso3 == "ERI"
    assert roles.actor2.name.startswith("Military Forces of Ethiopia")


def test_irregular_fighters_keep_their_adjectives_country_not_the_army(nlp):
    roles = roles_of(nlp, "Afghan militants attacked Pakistani troops in Kurram.", "Battles", "Armed clash", "PAK", when=date(2022, 3, 1))
    assert roles.actor1.name == "Unidentified Armed Group (Afghanistan)" and roles.actor1.iso3 == "AFG"


def test_coordinated_national_adjectives_name_both_sides(nlp):
    roles = roles_of(nlp, "Uzbek and Kyrgyz border guards exchanged fire near Kerben.", "Battles", "Armed clash", "KGZ")
    assert roles.actor1.name.startswith("Military Forces of Uzbekistan")
    assert roles.actor2.name.startswith("Military Forces of Kyrgyzstan")


def test_a_security_guard_is_not_a_state_force(nlp):
    roles = roles_of(nlp, "Gunmen shot a security guard in Lagos.", "Violence against civilians", "Attack", "NGA")
    assert roles.actor2.name == "Civilians (Nigeria)"


def test_capital_accused_of_shelling_is_its_states_forces(nlp):
    roles = roles_of(nlp, "Moscow accused Kyiv of shelling Donetsk.", "Explosions/Remote violence", "Shelling/artillery/missile attack", "UKR", "RUS")
    assert roles.actor1.name.startswith("Military Forces of Ukraine")


def test_no_unidentified_group_is_invented_when_the_sentence_points_back_at_named_sides(nlp):
    pointing_back = [
        "The two neighbours have repeatedly clashed along the river over the last decades.",
        "The skirmish took place near the disputed hills.",
    ]
    for text in pointing_back:
        assert roles_of(nlp, text, "Battles", "Armed clash", "IND").actor1 is None, text
    fresh = roles_of(nlp, "Clashes broke out in the town overnight.", "Battles", "Armed clash", "IND")
    assert fresh.actor1.name == "Unidentified Armed Group (India)"


def _party_codes(nlp, text: str) -> tuple[list[str], list[str]]:
    parties = event_parties(nlp(text)[:])
    return [party.code for party in parties.source], [party.code for party in parties.target]


@pytest.mark.parametrize(
    ("text", "sources", "targets"),
    [
        # countries by name, by nationality word (plural too) and by capital; any event, not only violence
        ("Jordan and Britain have agreed to undertake joint military exercises, a Jordanian official confirmed.",
         ["JOR", "GBR"], []),
        ("The Palestinians rejected the plan proposed by Washington.", ["PSE"], []),
        ("Iraqi President Saddam Hussein arrived in Amman on a previously unannounced visit on Wednesday.",
         ["IRQ"], ["JOR"]),
        # a country outside the actor dictionary comes from the gazetteer
        ("Finland will give Tanzania a grant of 580 million shillings.", ["FIN"], ["TZA"]),
        # a pronoun subject stands for the one who says it; the target sits in the clause the verb governs
        ("Syria says it is willing to withdraw its troops from neighboring Lebanon.", ["SYR"], ["LBN"]),
        # "must": a demand by the speaker, made of the clause's subject
        ("Russia said on Tuesday that Sudan must return the helicopter.", ["RUS"], ["SDN"]),
        # coordinated nationality words are two parties; international bodies are IGO/NGO
        ("Senior Hungarian and Romanian officials met U.N. envoys in Geneva.", ["HUN", "ROU"], ["IGO"]),
        ("Human rights organization Amnesty International accused the United States of violating human rights.",
         ["NGO"], ["USA"]),
        # an ethnic group is coded by where it lives, a "pro-" word names no one
        ("Ethnic Albanians in south Serbia are demanding autonomy.", ["SRB"], []),
        ("The pro-Iranian Hizbollah group declared a ceasefire in south Lebanon.", [], ["LBN"]),
    ],
)
def test_event_parties_are_coded_by_the_country_their_words_name(nlp, text, sources, targets):
    assert _party_codes(nlp, text) == (sources, targets)


def test_event_parties_of_a_passive_come_from_its_agent(nlp):
    parties = event_parties(nlp("Montenegro's prime minister has been indicted by the U.N. war crimes court.")[:])
    assert [party.code for party in parties.source] == ["IGO"]
    assert [(party.text, party.code) for party in parties.target] == [("Montenegro's prime minister", "MNE")]
    assert parties.target[0].span.text == "Montenegro's prime minister"



def test_national_organisations_name_their_country():
    text = "Members of the CCOO and Comisiones Obreras marched; the AFD joined them."
    found = [(text[start:end], code) for start, end, code in actor_dictionary().find_national_organisations(text)]
    assert sorted(found) == [("AFD", "DEU"), ("CCOO", "ESP"), ("Comisiones Obreras", "ESP")]
