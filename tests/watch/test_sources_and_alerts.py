"""The sources file and the alert rules: what they accept, and the clear errors for what they do not."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from clashwatch.records import Event
from clashwatch.watch import AlertsFileError, SourcesFileError, load_alerts, load_sources
from clashwatch.watch.alerts import AlertRule, alert_record
from clashwatch.watch.sources import parse_interval


def write(tmp_path, text: str):
    path = tmp_path / "file.toml"
    path.write_text(text)
    return path


def test_a_sources_file_gives_sources_and_a_fetch_policy(tmp_path):
    loaded = load_sources(write(tmp_path, """
[fetch]
per_host_delay_s = 2.5
max_mb = 1

[[source]]
url = "https://example.org/rss.xml"
name = "Example"
interval = "30m"

[[source]]
url = "https://example.org/live"
kind = "page"
"""))
    feed, page = loaded.sources
    assert (feed.kind, feed.name, feed.interval_s, feed.follow) == ("feed", "Example", 1800, True)
    assert (page.kind, page.interval_s) == ("page", 900)
    assert loaded.policy.per_host_delay_s == 2.5 and loaded.policy.max_bytes == 1_000_000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no sources"),
        ("[[source]]\nurl = 'ftp://x.org/f'\n", "source 1: url must be an http(s) URL"),
        ("[[source]]\nurl = 'https://x.org/f'\nkind = 'blog'\n", "kind must be one of feed, page"),
        ("[[source]]\nurl = 'https://x.org/f'\ninterval = '15 minutes'\n", "interval: '15 minutes' is not an interval"),
        ("[[source]]\nurl = 'https://x.org/f'\nevery = 5\n", "unknown field(s) every"),
        ("[[source]]\nurl = 'https://x.org/f'\n[[source]]\nurl = 'https://x.org/f'\n", "listed twice"),
        ("[fetch]\nper_host_concurrency = 8\n[[source]]\nurl = 'https://x.org/f'\n", "impolite"),
        ("[fetch]\nspeed = 1\n[[source]]\nurl = 'https://x.org/f'\n", "unknown field 'speed'"),
        ("[[source]\nurl =", "not valid TOML"),
    ],
)
def test_a_broken_sources_file_is_refused_with_the_place_of_the_mistake(tmp_path, text, message):
    with pytest.raises(SourcesFileError, match="file.toml") as raised:
        load_sources(write(tmp_path, text))
    assert message in str(raised.value)


@pytest.mark.parametrize(("value", "seconds"), [(900, 900), ("90s", 90), ("15m", 900), ("2h", 7200), ("1d", 86400)])
def test_intervals_read_with_units(value, seconds):
    assert parse_interval(value) == seconds


def test_an_interval_under_a_second_is_refused():
    with pytest.raises(ValueError, match="shorter than one second"):
        parse_interval("0.2s")


def _event(**fields) -> Event:
    values = {"event_type": "Battles", "sub_event_type": "Armed clash", "country": "Armenia", "iso3": "ARM",
              "actor1": "Military Forces of Azerbaijan", "fatalities": 3, "event_date": date(2022, 9, 13), "id": "e1"}
    return Event(**{**values, **fields})


def test_a_rule_matches_on_every_condition_it_names():
    rule = AlertRule("r", countries=frozenset({"arm"}), event_types=frozenset({"Battles"}), actor="azerbaijan",
                     min_fatalities=1)  # fmt: skip
    assert rule.matches(_event())
    assert not rule.matches(_event(iso3="AZE", country="Azerbaijan"))
    assert not rule.matches(_event(event_type="Protests", sub_event_type="Peaceful protest"))
    assert not rule.matches(_event(fatalities=0))
    assert not rule.matches(_event(actor1="Police Forces of Armenia"))
    assert not rule.matches(_event(is_background=True))


def test_an_alert_names_its_rule_and_the_events_main_fields():
    record = alert_record(AlertRule("border"), _event())
    assert json.loads(json.dumps(record)) == {**record, "event_date": "2022-09-13"}
    assert (record["rule"], record["id"], record["fatalities"], record["sources"]) == ("border", "e1", 3, 0)


def test_alert_outputs_are_read_relative_to_the_rules_file(tmp_path):
    out = io.StringIO()
    alerts = load_alerts(write(tmp_path, '[[rule]]\nname = "x"\n[output]\nstdout = true\njsonl = "a.jsonl"\n'), out)
    assert alerts.stdout is out and alerts.jsonl == tmp_path / "a.jsonl" and alerts.webhook is None
    assert load_alerts(write(tmp_path, '[[rule]]\nname = "x"\n'), out).stdout is out  # stdout when nothing is named


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no rules"),
        ("[[rule]]\ncountries = ['ARM']\n", "every rule needs a name"),
        ("[[rule]]\nname = 'x'\nmin_fatalities = -1\n", "min_fatalities must be a whole number"),
        ("[[rule]]\nname = 'x'\nsub_event_types = ['Shelling']\n", "unknown sub_event_types 'Shelling'"),
        ("[[rule]]\nname = 'x'\n[output]\nwebhook = 'hooks.example.org'\n", "webhook must be an http(s) URL"),
    ],
)
def test_broken_alert_rules_are_refused_clearly(tmp_path, text, message):
    with pytest.raises(AlertsFileError) as raised:
        load_alerts(write(tmp_path, text))
    assert message in str(raised.value)


def test_a_webhook_receives_each_alert_and_a_failing_one_is_reported(site):
    from clashwatch.watch.alerts import Alerts

    errors = []
    site.put("/hook", b"")
    delivered = Alerts([AlertRule("r")], webhook=f"{site.url}/hook", on_error=errors.append)
    delivered.deliver(alert_record(AlertRule("r"), _event()))
    ((path, body),) = site.posted
    assert path == "/hook" and json.loads(body)["id"] == "e1" and not errors
    missing = Alerts([AlertRule("r")], webhook=f"{site.url}/nowhere", on_error=errors.append)
    missing.deliver(alert_record(AlertRule("r"), _event()))
    assert errors == [f"alert not delivered to {site.url}/nowhere: HTTP 404"]
