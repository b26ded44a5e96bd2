"""District table, district profile and actor summaries, against counts made by hand."""

from __future__ import annotations

from incidents.actor_summary import acting_actors, actor_by_district
from incidents.district_summary import district_profile, district_table
from incidents.loading import load_incidents_bytes
from tests.conftest import csv_bytes

BLA = "BLA: Baloch Liberation Army"
UNIDENTIFIED = "Unidentified Armed Group (Pakistan)"
ROWS = [
    {"event_id_cnty": "k1", "event_date": "2024-01-10", "admin2": "Kech", "fatalities": "4", "actor1": BLA,
     "event_type": "Battles", "sub_event_type": "Armed clash", "source": "Dawn (2024-01-11)"},
    {"event_id_cnty": "k2", "event_date": "2024-03-02", "admin2": "Kech", "fatalities": "1", "actor1": UNIDENTIFIED,
     "event_type": "Violence against civilians", "sub_event_type": "Attack", "source": "The News (2024-03-03)"},
    {"event_id_cnty": "k3", "event_date": "2024-03-20", "admin2": "Kech", "fatalities": "0", "actor1": BLA,
     "assoc_actor_1": f"{UNIDENTIFIED}; {BLA}", "event_type": "Battles", "sub_event_type": "Armed clash"},
    {"event_id_cnty": "q1", "event_date": "2024-02-14", "admin2": "Quetta", "fatalities": "10", "actor1": UNIDENTIFIED,
     "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED"},
    {"event_id_cnty": "q2", "event_date": "2024-02-15", "admin2": "Quetta", "fatalities": "2", "actor1": BLA,
     "event_type": "Battles", "sub_event_type": "Armed clash"},
    {"event_id_cnty": "g1", "event_date": "2024-03-05", "admin2": "Gwadar", "fatalities": "0", "actor1": BLA,
     "event_type": "Battles", "sub_event_type": "Armed clash"},
]  # fmt: skip


def _incidents():
    return load_incidents_bytes(csv_bytes(ROWS)).incidents


def test_the_district_table_counts_rates_and_ranks():
    # Populations made up for the arithmetic: Kech 1,000,000, Quetta 2,000,000; Gwadar has none.
    table = district_table(_incidents(), {"Kech": 1_000_000, "Quetta": 2_000_000}).set_index("district")
    assert list(table.index) == ["Kech", "Quetta", "Gwadar"]  # 3, 2, 1 incidents
    assert table.loc["Kech", "incidents"] == 3 and table.loc["Kech", "fatalities"] == 5
    assert table.loc["Kech", "incidents_per_100k"] == 0.3  # 3 / 1,000,000 * 100,000
    assert table.loc["Quetta", "fatalities_per_100k"] == 0.6  # 12 / 2,000,000 * 100,000
    assert table["incidents_per_100k"].isna().loc["Gwadar"]  # no population, no rate
    assert table.loc["Quetta", "rank_by_fatalities"] == 1 and table.loc["Kech", "rank_by_fatalities"] == 2
    assert table.loc["Gwadar", "rank_by_incidents"] == 3


def test_the_district_table_gives_the_change_against_the_previous_period():
    incidents = _incidents()
    march = incidents[incidents["event_date"] >= "2024-03-01"]
    before = incidents[incidents["event_date"] < "2024-03-01"]
    table = district_table(march, previous=before).set_index("district")
    # March: Kech 2 (k2, k3), Gwadar 1; before: Kech 1, Quetta 2.
    assert table.loc["Kech", "change_in_incidents"] == 1
    assert table.loc["Gwadar", "change_in_incidents"] == 1
    assert "Quetta" not in table.index


def test_a_district_profile():
    profile = district_profile(_incidents(), "Kech", latest=2)
    assert (profile.incidents, profile.fatalities) == (3, 5)
    assert (profile.rank_by_incidents, profile.rank_by_fatalities, profile.districts_with_incidents) == (1, 2, 3)
    assert profile.event_types.to_dict("records") == [
        {"event_type": "Battles", "incidents": 2, "fatalities": 4},
        {"event_type": "Violence against civilians", "incidents": 1, "fatalities": 1},
    ]
    # k3 names the BLA twice (actor 1 and associate) and an unidentified group: each counts once.
    assert profile.actors.to_dict("records") == [
        {"actor": BLA, "incidents": 2, "fatalities": 4},
        {"actor": UNIDENTIFIED, "incidents": 2, "fatalities": 1},
    ]
    assert profile.latest["event_date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-20", "2024-03-02"]
    assert profile.monthly["incidents"].tolist() == [1, 0, 2]  # Jan, Feb, Mar
    nowhere = district_profile(_incidents(), "Zhob")
    assert nowhere.incidents == 0 and nowhere.rank_by_incidents is None


def test_actors_and_actors_by_district():
    actors = acting_actors(_incidents()).set_index("actor")
    # BLA: k1, k3, q2, g1 (4 incidents; 4 + 0 + 2 + 0 killed); unidentified: k2, k3, q1 (3; 1 + 0 + 10).
    assert actors.loc[BLA].tolist() == [4, 6]
    assert actors.loc[UNIDENTIFIED].tolist() == [3, 11]
    table = actor_by_district(_incidents())
    assert table.loc[BLA].to_dict() == {"Kech": 2, "Quetta": 1, "Gwadar": 1}
    assert table.loc[UNIDENTIFIED].to_dict() == {"Kech": 2, "Quetta": 1, "Gwadar": 0}
