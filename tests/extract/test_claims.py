"""Claimant, stance and modality from real parses, on the seed article and short news sentences."""

from __future__ import annotations

import pytest

from clashwatch.extract.claims import Attribution, attribute
from clashwatch.records import Span, Stance


@pytest.fixture(scope="module")
def seed_attributions(nlp, seed_article_text):
    """Each seed sentence with its attribution, chained as the coder chains them."""
    chained, previous = [], None
    for sentence in nlp(seed_article_text).sents:
        previous = attribute(sentence, previous)
        chained.append((sentence.text.lstrip('"\n '), previous))
    return chained


def attribution_of(chained, opening) -> Attribution:
    return next(attribution for text, attribution in chained if text.startswith(opening))


def test_armenian_ministry_alleges_the_azerbaijani_attack(seed_attributions, seed_article_text):
    found = attribution_of(seed_attributions, "Armenia's defense ministry said")
    assert found.claimant == "Ministry of Defence of Armenia"
    assert found.claimant_iso3 == "ARM"
    assert found.stance is Stance.ALLEGED
    assert found.cue_span.text == "said"
    assert seed_article_text[found.claimant_span.start : found.claimant_span.end] == "Armenia's defense ministry"


def test_it_said_resolves_to_the_last_named_claimant(seed_attributions):
    found = attribution_of(seed_attributions, "Both military and civilian infrastructure")
    assert found.claimant == "Ministry of Defence of Armenia" and found.stance is Stance.ALLEGED


def test_quoted_sentence_continues_the_claimant(seed_attributions):
    found = attribution_of(seed_attributions, "The Armed Forces of the Republic of Armenia are giving")
    assert found.claimant == "Ministry of Defence of Armenia" and found.stance is Stance.ALLEGED


def test_azerbaijani_ministry_denies_starting_the_fighting(seed_attributions):
    found = attribution_of(seed_attributions, "The Ministry of Defense for Azerbaijan has rejected")
    assert found.claimant == "Ministry of Defence of Azerbaijan"
    assert found.claimant_iso3 == "AZE"
    assert found.stance is Stance.DENIED
    assert found.cue_span.text == "rejected"


def test_it_also_accused_keeps_the_azerbaijani_ministry(seed_attributions):
    found = attribution_of(seed_attributions, "It also accused Armenia")
    assert found.claimant == "Ministry of Defence of Azerbaijan"
    assert found.stance is Stance.ALLEGED
    assert found.cue_span.text == "accused"


def test_reporter_voice_is_asserted_with_no_claimant(seed_attributions):
    found = attribution_of(seed_attributions, "Renewed fighting between Armenia and Azerbaijan erupted")
    assert found.claimant is None and found.stance is Stance.ASSERTED and found.cue_span is None


def test_named_person_is_a_new_claimant(seed_attributions):
    found = attribution_of(seed_attributions, "As we have long made clear")
    assert "Blinken" in found.claimant and found.claimant_iso3 == "USA"


def one(nlp, text, previous=None) -> Attribution:
    return attribute(next(nlp(text).sents), previous)


def test_according_to_names_the_claimant(nlp):
    found = one(nlp, "According to local residents, soldiers burned ten houses.")
    assert found.claimant == "local residents" and found.stance is Stance.ALLEGED
    assert found.cue_span.text == "According to"


def test_negated_event_under_a_reporting_verb(nlp):
    found = one(nlp, "Police said the gunmen did not attack the village.")
    assert found.negated and found.stance is Stance.ALLEGED and not found.future


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("The rebels could have attacked the convoy.", "hypothetical"),
        ("If the talks fail, the army may launch an offensive.", "hypothetical"),
        ("Troops will attack the town tomorrow, the army said.", "future"),
        ("The group threatened to attack the base.", "future"),
        ("The two sides had fought over the region before.", "historical"),
        ("The militia burned the village three years ago.", "historical"),
    ],
)
def test_modality(nlp, text, flag):
    found = one(nlp, text)
    assert getattr(found, flag), (text, found)
    others = {"negated", "hypothetical", "future", "historical"} - {flag}
    assert not any(getattr(found, other) for other in others), (text, found)


def test_plain_past_event_has_no_modality(nlp):
    found = one(nlp, "Gunmen killed four farmers in Benue state on Sunday.")
    assert not (found.negated or found.hypothetical or found.future or found.historical)
    assert found.stance is Stance.ASSERTED


def chained(nlp, text, trigger_word=None):
    """Attributions of each sentence of ``text``, chained; ``trigger_word`` marks the event in its sentence."""
    found, previous = [], None
    for sentence in nlp(text).sents:
        trigger = None
        if trigger_word and trigger_word in sentence.text:
            start = text.index(trigger_word, sentence.start_char)
            trigger = Span.of(text, start, start + len(trigger_word))
        previous = attribute(sentence, previous, trigger)
        found.append(previous)
    return found


def test_a_dateline_city_is_never_the_claimant(nlp):
    text = "KABUL, Afghanistan, May 2, 2023 -- Afghanistan's Interior Ministry accused gunmen of attacking a checkpoint."
    (found,) = chained(nlp, text)
    assert found.claimant == "Ministry of Interior of Afghanistan" and found.claimant_iso3 == "AFG"
    assert found.stance is Stance.ALLEGED


def test_bare_definite_subject_traces_back_and_the_body_is_normalised(nlp):
    text = (
        "Lebanon's civil defence agency said an Israeli drone struck a car near Tyre. "
        "The agency said two men died. The committee said a second strike hit a house."
    )
    first, second, third = chained(nlp, text)
    assert first.claimant == "Civil Defence Agency of Lebanon" and first.claimant_iso3 == "LBN"
    assert second.claimant == third.claimant == "Civil Defence Agency of Lebanon"


def test_bare_definite_subject_without_a_referent_is_no_claimant(nlp):
    found = one(nlp, "The committee said soldiers burned the market.")
    assert found.claimant is None and found.stance is Stance.ALLEGED


def test_capital_cities_speak_for_their_governments(nlp):
    moscow, kremlin = chained(nlp, "Moscow said Ukrainian drones hit a depot. The Kremlin dismissed reports of a retreat.")
    assert moscow.claimant == "Government of Russia" and moscow.claimant_iso3 == "RUS"
    assert kremlin.claimant == "Government of Russia" and kremlin.stance is Stance.DENIED


def test_rejecting_a_claim_is_a_denial_by_the_rejecter(nlp):
    found = one(nlp, "Baku rejected Yerevan's claim that its troops shelled Jermuk as a lie.")
    assert found.claimant == "Government of Azerbaijan" and found.stance is Stance.DENIED
    assert found.cue_span.text == "rejected"


def test_the_trigger_picks_the_cue_that_reports_the_event(nlp):
    text = (
        "Nigeria's army said three soldiers were wounded in the night. "
        "It said two posts were hit and dismissed the rebels' claim that they had captured the bridge as propaganda."
    )
    first, captured = chained(nlp, text, "captured")
    assert first.claimant == "Army of Nigeria"
    assert captured.claimant == "Army of Nigeria" and captured.stance is Stance.DENIED and captured.cue_span.text == "dismissed"
    assert not captured.historical  # "had captured" is the reported speech's tense, not an earlier period
    _, hit = chained(nlp, text, "hit")
    assert hit.claimant == "Army of Nigeria" and hit.stance is Stance.ALLEGED and hit.cue_span.text == "said"


@pytest.mark.parametrize(
    "text",
    [
        "Relatives of a student who went missing two years ago staged a sit-in outside the courthouse.",
        "Settlers cut down olive trees planted a hundred years ago.",
    ],
)
def test_a_past_time_of_something_else_does_not_make_the_event_history(nlp, text):
    assert not one(nlp, text).historical


@pytest.mark.parametrize(
    ("text", "trigger_word"),
    [
        ("Nurses protested outside the hospital in Kandy, stating that they would continue until they are paid.", "protested"),
        ("Farmers held a rally in Multan, saying the government should withdraw the new tax.", "rally"),
        ("Residents blocked the highway near Oruro and announced that they will march to La Paz.", "blocked"),
    ],
)
def test_what_the_actors_say_about_the_future_does_not_make_their_deed_a_claim(nlp, text, trigger_word):
    (found,) = chained(nlp, text, trigger_word)
    assert not (found.future or found.hypothetical)
    assert found.claimant is None and found.cue_span is None


def test_a_trailing_reporting_clause_still_attributes_the_event(nlp):
    (found,) = chained(nlp, "Armenian forces shelled positions near Lachin, the ministry said.", "shelled")
    assert found.cue_span.text == "said" and found.stance is Stance.ALLEGED


def test_a_month_parsed_as_an_auxiliary_is_no_modal(nlp):
    text = "On 19 May 2022, relatives of a driver missing since 7 May blocked the federal highway to demand a search."
    (found,) = chained(nlp, text, "blocked")
    assert not (found.hypothetical or found.future)


def test_an_event_word_that_is_also_a_reporting_verb_is_reported_by_the_other_cue(nlp):
    # "charged" is a baton charge here, not a charge laid: it cannot report itself.
    (found,) = chained(nlp, "Police charged the protesters with batons in Dhaka, the interior ministry said.", "charged")
    assert found.claimant == "Ministry of Interior" and found.cue_span.text == "said"
