"""Hand-built reports (events with one claim each) for the linker's tests."""

from __future__ import annotations

from datetime import date

import pytest

from clashwatch.records import Claim, Event, Span, Stance

JERMUK = (39.8414, 45.6697)
VARDENIS = (40.1807, 45.7306)  # 38 km north of Jermuk
KHARKIV = (49.9935, 36.2304)
IZIUM = (49.2128, 37.2569)  # 117 km from Kharkiv


def make_report(
    report_id: str,
    sentence: str,
    *,
    day: date = date(2022, 9, 13),
    place: tuple[float, float] | None = JERMUK,
    location: str | None = "Jermuk",
    iso3: str | None = "ARM",
    event_type: str = "Battles",
    sub_event_type: str = "Armed clash",
    actor1: str | None = "Military Forces of Azerbaijan (2003-)",
    actor2: str | None = "Military Forces of Armenia (2018-)",
    fatalities: int = 0,
    claimant: str | None = None,
    stance: Stance = Stance.ASSERTED,
    published: date | None = None,
    time_precision: int = 1,
) -> Event:
    event = Event(
        id=report_id,
        event_date=day,
        time_precision=time_precision,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        actor2=actor2,
        location=location,
        latitude=place[0] if place else None,
        longitude=place[1] if place else None,
        geo_precision=1 if place else None,
        iso3=iso3,
        fatalities=fatalities,
    )
    span = Span(0, len(sentence), sentence)
    event.add_evidence("sentence", span)
    event.claims.append(
        Claim(
            article_id=report_id.rsplit("-", 1)[0],
            claimant=claimant,
            stance=stance,
            published=published or day,
            version={"event_date": day.isoformat(), "sub_event_type": sub_event_type, "actor1": actor1,
                     "actor2": actor2, "location": location, "fatalities": fatalities, "injuries": None},
            evidence=[span],
        )
    )
    return event


@pytest.fixture(name="make_report")
def make_report_fixture():
    return make_report


@pytest.fixture
def places() -> dict[str, tuple[float, float]]:
    return {"Jermuk": JERMUK, "Vardenis": VARDENIS, "Kharkiv": KHARKIV, "Izium": IZIUM}


@pytest.fixture
def border_fight() -> list[Event]:
    """Three reports of the 13 September 2022 fighting: a wire report, and each side's accusation."""
    return [
        make_report(
            "wire-0",
            "Fighting between Armenia and Azerbaijan erupted early Tuesday along their shared border near Jermuk.",
        ),
        make_report(
            "yerevan-0",
            "Azerbaijani forces shelled Armenian positions near Jermuk with artillery and drones, killing 49 soldiers, "
            "Armenia's defense ministry said.",
            claimant="Armenia's defense ministry",
            stance=Stance.ALLEGED,
            fatalities=49,
        ),
        make_report(
            "baku-0",
            "Armenian units opened fire on Azerbaijani army positions along the border near Kalbajar and Jermuk, "
            "Azerbaijan's Ministry of Defense said, adding that 50 servicemen died repelling the attack.",
            claimant="Azerbaijan's Ministry of Defense",
            stance=Stance.ALLEGED,
            actor1="Military Forces of Armenia (2018-)",
            actor2="Military Forces of Azerbaijan (2003-)",
            fatalities=50,
        ),
    ]
