from clashwatch.ingest.dateline import find_dateline


def test_upi_month_day_dateline():
    dateline = find_dateline("Sept. 12 (UPI) -- Renewed fighting erupted.")
    assert (dateline.outlet, dateline.place, dateline.month, dateline.day, dateline.year) == ("UPI", None, 9, 12, None)
    assert dateline.span.text == "Sept. 12 (UPI) --"


def test_ap_place_dateline_with_underscore_dash():
    text = "\nNAIROBI, Kenya (AP) _\n\nSuspected bombs exploded."
    dateline = find_dateline(text)
    assert (dateline.outlet, dateline.place, dateline.month) == ("AP", "NAIROBI, Kenya", None)
    assert text[dateline.span.start : dateline.span.end] == "NAIROBI, Kenya (AP) _"


def test_reuters_place_and_date():
    dateline = find_dateline("BEIRUT, March 3 (Reuters) - An explosion hit the port.")
    assert (dateline.outlet, dateline.place, dateline.month, dateline.day) == ("Reuters", "BEIRUT", 3, 3)


def test_reuters_abbreviation_without_dot_and_single_dash():
    dateline = find_dateline("Jan 5 (Reuters) - Troops moved in.")
    assert (dateline.outlet, dateline.month, dateline.day) == ("Reuters", 1, 5)


def test_day_first_date_with_year_and_slash_outlet():
    assert find_dateline("WASHINGTON, 12 September 2022 (Xinhua) -- The").year == 2022
    tass = find_dateline("MOSCOW, Sept. 12 /TASS/. Russia said")
    assert (tass.outlet, tass.month, tass.day) == ("TASS", 9, 12)


def test_outlet_only_and_place_only_datelines():
    assert find_dateline("(CNN) \u2014 Fighting resumed").outlet == "CNN"
    assert find_dateline("KYIV \u2014 Sirens sounded").place == "KYIV"


def test_dateline_after_a_photo_caption(seed_article_text):
    dateline = find_dateline(seed_article_text)
    assert dateline.span.text == "Sept. 12 (UPI) --"
    assert seed_article_text[dateline.span.start : dateline.span.end] == dateline.span.text


def test_no_dateline_in_plain_prose():
    assert find_dateline("The US and the UK (AP) said nothing.\nFighting went on.") is None
