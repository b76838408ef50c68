from datetime import date, datetime

import pytest

from clashwatch.extract.dates import date_event, find_time_expressions, publication_date
from clashwatch.records import Article, Span

MONDAY = date(2022, 9, 12)


def only(text, anchor=MONDAY):
    expressions = find_time_expressions(text, anchor)
    assert len(expressions) == 1, expressions
    return expressions[0]


def sentence_of(text: str, fragment: str) -> Span:
    start = text.index(fragment)
    return Span.of(text, start, start + len(fragment))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Clashes erupted early Tuesday along the border.", "2022-09-13"),  # the day after the dateline: forward
        ("Rebels attacked the town on Thursday.", "2022-09-08"),  # a bare weekday in past news: back
        ("The council will meet on Thursday.", "2022-09-15"),  # future tense: forward
        ("He was arrested last Wednesday.", "2022-09-07"),
        ("The shelling started on Sunday night.", "2022-09-11"),
        ("Officials spoke on Monday.", "2022-09-12"),
    ],
)
def test_weekdays_resolve_in_both_directions(text, value):
    assert only(text).value == value


def test_yesterday_last_week_and_overnight():
    found = find_time_expressions("Troops shelled the city overnight, yesterday and last week.", MONDAY)
    values = {expression.span.text: expression for expression in found}
    assert values["yesterday"].value == "2022-09-11"
    assert values["last week"].value == "2022-W36" and values["last week"].start == date(2022, 9, 5)
    assert (values["overnight"].start, values["overnight"].end) == (date(2022, 9, 11), date(2022, 9, 12))


def test_month_day_without_year_near_the_year_boundary():
    assert only("Fighting began on Dec. 30.", date(2023, 1, 2)).value == "2022-12-30"
    assert only("Talks resume on Jan. 4.", date(2022, 12, 29)).value == "2023-01-04"


def test_day_range():
    expression = only("Protests took place between 3 and 5 May.", date(2022, 5, 9))
    assert (expression.start, expression.end) == (date(2022, 5, 3), date(2022, 5, 5))


def test_clock_time_takes_the_day_it_names():
    expression = only("The attack began at 12:05 a.m. Tuesday.")
    assert (expression.value, expression.kind) == ("2022-09-13T00:05", "TIME")


def test_durations_sets_and_references():
    assert only("The war lasted six weeks.").value == "P6W"
    assert only("Convoys ran daily.").kind == "SET"
    assert only("The town is now calm.").value == "PRESENT_REF"
    assert only("Earlier this month it rained.").value == "2022-09"


def test_counts_and_ages_are_not_times():
    assert find_time_expressions("About 1500 troops and a 6-year-old boy fled.", MONDAY) == []
    assert find_time_expressions("Officials may resign.", MONDAY) == []


def test_narrative_mode_takes_the_year_from_the_last_stated_date():
    text = "Germany invaded Poland on September 1, 1939. In April, Denmark fell. On May 10, France was attacked. Three days later"
    found = find_time_expressions(text, None)
    assert [expression.value for expression in found] == ["1939-09-01", "1939-04", "1939-05-10", "1939-05-13"]


def test_weekday_that_contradicts_the_stated_date_is_reported():
    text = "The strike on Tuesday, Sept. 14, 2022 killed four."
    event = date_event(Span.of(text, 0, len(text)), find_time_expressions(text, MONDAY), MONDAY)
    assert event.date == date(2022, 9, 14)
    assert "Wednesday" in event.inconsistency


def test_background_sentence_keeps_its_own_date_and_is_not_carried():
    text = "Fighting erupted on Tuesday. The two sides signed a truce in November 2020. Shelling went on."
    expressions = find_time_expressions(text, MONDAY)
    first = date_event(sentence_of(text, "Fighting erupted on Tuesday."), expressions, MONDAY)
    history = date_event(sentence_of(text, "The two sides signed a truce in November 2020."), expressions, MONDAY, first)
    after = date_event(sentence_of(text, "Shelling went on."), expressions, MONDAY, history)
    assert (first.date, first.precision, first.is_background) == (date(2022, 9, 13), 1, False)
    assert (history.date, history.end, history.precision, history.is_background) == (date(2020, 11, 1), date(2020, 11, 30), 3, True)
    assert (after.date, after.rule) == (MONDAY, "publication date")


def test_undated_sentence_carries_the_previous_event():
    text = "Rebels attacked on Saturday. They burned homes."
    expressions = find_time_expressions(text, MONDAY)
    first = date_event(sentence_of(text, "Rebels attacked on Saturday."), expressions, MONDAY)
    second = date_event(sentence_of(text, "They burned homes."), expressions, MONDAY, first)
    assert second.date == date(2022, 9, 10) and second.rule == "carried from the previous event"


def test_publication_date_prefers_metadata_then_collected_year():
    assert publication_date(Article("Sept. 12 (UPI) -- x", published=date(2021, 9, 12))).rule == "article metadata"
    collected = publication_date(Article("Sept. 12 (UPI) -- Clashes.", collected=datetime(2023, 1, 5)))
    assert (collected.date, collected.inferred) == (date(2022, 9, 12), True)
    assert publication_date(Article("No dateline here.")).date is None


def test_seed_article_end_to_end(seed_article_text):
    published = publication_date(Article(seed_article_text))
    assert (published.date, published.inferred) == (date(2022, 9, 12), True)
    assert "November of 2020" in published.rule and any(span.text == "Sept. 12 (UPI) --" for span in published.evidence)

    expressions = find_time_expressions(seed_article_text, published.date)
    lead = next(line for line in seed_article_text.splitlines() if line.startswith("Sept. 12"))
    event = date_event(sentence_of(seed_article_text, lead), expressions, published.date)
    assert (event.date, event.precision, event.is_background) == (date(2022, 9, 13), 1, False)

    deal = next(line for line in seed_article_text.splitlines() if line.startswith("The fighting comes after"))
    background = date_event(sentence_of(seed_article_text, deal), expressions, published.date, event)
    assert background.is_background and (background.date.year, background.date.month, background.precision) == (2020, 11, 3)
