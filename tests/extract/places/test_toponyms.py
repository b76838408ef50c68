def _found(toponyms):
    return {toponym.span.text: toponym for toponym in toponyms}


def test_places_the_small_model_mislabels_are_recognised(nlp, toponyms_of):
    text = "It also accused Armenia of conducting intensive shelling near Dashkasan, Kalbajar and Lachin along the border."
    doc, toponyms = toponyms_of(text)
    labels = {entity.text: entity.label_ for entity in doc.ents}
    assert labels.get("Dashkasan") != "GPE"  # the model does not know it is a place...
    found = _found(toponyms)
    assert {"Armenia", "Dashkasan", "Kalbajar", "Lachin"} <= set(found)  # ...the gazetteer and the grammar do
    assert found["Dashkasan"].relative.text == "near Dashkasan"
    assert found["Lachin"].relative.text.startswith("near Dashkasan")


def test_person_and_organisation_names_are_not_places(toponyms_of):
    text = (
        'U.S. Secretary of State Antony Blinken said in a statement from the Azerbaijan Defense Ministry in May. '
        "Officers met at the Cottonport Fire Station."
    )
    _, toponyms = toponyms_of(text)
    found = _found(toponyms)
    assert "Antony" not in found and "Blinken" not in found and "May" not in found
    assert "Cottonport" not in found
    assert found["Azerbaijan"].country_iso3 == "AZE"  # a well-known place inside an organisation's name


def test_demonyms_and_abbreviated_states(toponyms_of):
    _, toponyms = toponyms_of("Azerbaijani forces shelled the area, Palestinians said. He lives in Alexandria, La. now.")
    found = _found(toponyms)
    assert found["Azerbaijani"].is_demonym and found["Azerbaijani"].country_iso3 == "AZE"
    assert found["Palestinians"].country_iso3 == "PSE"
    assert found["La."].name == "Louisiana" and not found["La."].is_demonym


def test_headline_capitals_do_not_make_places(toponyms_of):
    _, toponyms = toponyms_of("Grand Jury Indicts Man In December Slaying")
    assert "Man" not in _found(toponyms)


def test_an_area_written_with_its_kind_is_found_without_it(toponyms_of):
    _, toponyms = toponyms_of("Fighting continued in Rakhine State and in Helmand Province.")
    found = _found(toponyms)
    assert found["Rakhine State"].feature == "admin1" and found["Rakhine State"].country_iso3 == "MMR"
    assert found["Helmand Province"].country_iso3 == "AFG"


def test_a_multi_word_town_labelled_person_is_still_a_place(toponyms_of):
    _, toponyms = toponyms_of("Israeli airstrikes hit Khan Younis on Tuesday.")
    assert _found(toponyms)["Khan Younis"].country_iso3 == "PSE"


def test_a_part_of_an_unknown_longer_name_is_no_namesake(toponyms_of):
    _, toponyms = toponyms_of("A landmine exploded in Al Jah (Bayt Al Faqiah, Al Hudaydah). Clashes erupted in Wadi Madrak.")
    assert {toponym.country_iso3 for toponym in toponyms} == {"YEM"}
    assert "Al" not in _found(toponyms) and "Wadi" not in _found(toponyms)


def test_a_place_inside_a_facility_name_and_a_variant_spelling_in_a_parenthetical(toponyms_of):
    _, toponyms = toponyms_of("Fridays for Future activists demonstrated in front of the City Hall in Malmo to draw attention.")
    assert _found(toponyms)["Malmo"].country_iso3 == "SWE"
    _, toponyms = toponyms_of("Rebels shelled regime positions in Tall Rasho (Lattakia).")
    assert _found(toponyms)["Lattakia"].country_iso3 == "SYR"


def test_a_common_word_names_a_province_only_in_an_admin_parenthetical(toponyms_of):
    _, toponyms = toponyms_of("People staged a protest in Orugodawatta (Orugodawatta, Western) demanding fuel.")
    assert _found(toponyms)["Western"].feature == "admin1"
    _, toponyms = toponyms_of("Western diplomats met in the North.")
    assert not toponyms


def test_an_area_the_gazetteer_spells_otherwise_is_found_where_the_article_points(toponyms_of):
    _, toponyms = toponyms_of("Cadres staged a demonstration in Janakpur city (Dhanusha district) over fuel prices.")
    assert [(t.span.text, t.name, t.country_iso3, t.feature) for t in toponyms][-1] == ("Dhanusha", "Dhanusa", "NPL", "admin2")


def test_a_loose_spelling_in_a_country_the_article_never_points_to_is_no_place(toponyms_of):
    # a Mongolian district spells like Yinmarbin; nothing else in the sentence is in Mongolia
    _, toponyms = toponyms_of("Locals held a protest in Salingyi township (Yinmarbin district, Sagaing region).")
    assert {t.country_iso3 for t in toponyms} == {"MMR"}
