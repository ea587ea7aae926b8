"""ActionGeo_Type for a place of places.tsv: its kind and whether it is in the United States,
as GDELT's geographic resolution codes (no coordinates, no FIPS codes: we have neither)."""

from __future__ import annotations

import pytest

from dateline.store.export import _action_geo_type


@pytest.mark.parametrize(("location", "geo_type"), [
    ("Kharkiv", "4"),  # a world city
    ("Darfur", "5"),  # a world state (a first-level region)
    ("Houston", "3"),  # a US city
    ("Alaska", "2"),  # a US state
    ("Beijing", "4"),  # a capital, as before
    ("Ukraine", "1"),  # a country, as before
    ("Atlantis", ""),  # unknown
])
def test_export_places_action_geo_type(location: str, geo_type: str) -> None:
    assert _action_geo_type(location) == geo_type
