"""An event's place's geographic resolution (GDELT's ActionGeo_Type), found when the event is
coded: a place of places.tsv by its kind and whether it is in the United States, a country or a
capital by how it is named (no coordinates, no FIPS codes: we have neither)."""

from __future__ import annotations

import pytest

from dateline.events.assemble import _location_type
from dateline.language.gazetteer import load_gazetteer


@pytest.mark.parametrize(("location", "geo_type"), [
    ("Kharkiv", 4),  # a world city
    ("Darfur", 5),  # a world state (a first-level region)
    ("Houston", 3),  # a US city
    ("Alaska", 2),  # a US state
    ("Beijing", 4),  # a capital, as before
    ("Ukraine", 1),  # a country, as before
    ("Atlantis", None),  # unknown
])
def test_location_type_of_a_place(location: str, geo_type: int | None) -> None:
    assert _location_type(location, load_gazetteer()) == geo_type
