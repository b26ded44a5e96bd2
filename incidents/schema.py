"""The canonical incident columns and the ACLED event taxonomy they follow."""

from __future__ import annotations

# ACLED's own column names, plus `injuries` and `source_url` which ACLED lacks.
CANONICAL_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "injuries",
    "source_url",
)

# A full ACLED export, in ACLED's order (current codebook, 31 columns).
ACLED_EXPORT_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

# The least a file must hold to be drawn on a map: a trimmed ACLED export has these.
REQUIRED_COLUMNS: tuple[str, ...] = ("event_date", "event_type", "location", "latitude", "longitude")

ACTOR_COLUMNS: tuple[str, ...] = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")

NUMERIC_COLUMNS: tuple[str, ...] = (
    "latitude",
    "longitude",
    "fatalities",
    "injuries",
    "time_precision",
    "geo_precision",
)

# ACLED's fixed hierarchy: event type -> its sub-event types.
EVENT_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Armed clash",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Excessive force against protesters",
        "Protest with intervention",
        "Peaceful protest",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

EVENT_TYPES: tuple[str, ...] = tuple(EVENT_TAXONOMY)

# Colour-blind-safe (Okabe-Ito) colours, one per event type, shared by map and chart.
EVENT_TYPE_COLORS: dict[str, str] = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#CC79A7",
    "Violence against civilians": "#E69F00",
    "Protests": "#0072B2",
    "Riots": "#009E73",
    "Strategic developments": "#555555",
}

# Roughly Balochistan: a point outside this box is kept but flagged.
BALOCHISTAN_BOUNDS = {"south": 24.5, "north": 32.5, "west": 60.5, "east": 70.5}
BALOCHISTAN_CENTER = (28.9, 66.0)

# Date formats seen in ACLED exports: ISO today, "04 June 2017" in older files.
DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d %B %Y")
