"""The gazetteer: seed actors, aliases, case rules, longest match, media vs political, tables."""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

import pycountry
import pytest

from dateline.language.gazetteer import Gazetteer, actor_code, fold, load_gazetteer
from dateline.model import ActorKind


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("dateline.language").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t") + [""] * len(header))) for line in lines[1:]]


# Every actor-denoting word of the two seed pages, with the code it must get.
SEED_ACTORS = [
    ("Chinese", "CHN", "adjective"), ("China", "CHN", "name"), ("China's", "CHN", "name"),
    ("Beijing", "CHN", "capital"), ("Beijing's", "CHN", "capital"), ("Moscow", "RUS", "capital"),
    ("Moscow's", "RUS", "capital"), ("Kyiv", "UKR", "capital"), ("Russia", "RUS", "name"),
    ("Russia's", "RUS", "name"), ("Russian", "RUS", "adjective"), ("Ukraine", "UKR", "name"),
    ("Ukraine's", "UKR", "name"), ("Ukrainian", "UKR", "adjective"), ("United States", "USA", "name"),
    ("the United States", "USA", "name"), ("US", "USA", "name"), ("U.S.", "USA", "name"),
    ("American", "USA", "adjective"), ("Washington", "USA", "capital"), ("Saudi Arabia", "SAU", "name"),
    ("Iran", "IRN", "name"), ("Iran's", "IRN", "name"), ("Uzbekistan", "UZB", "name"),
    ("Singapore", "SGP", "name"), ("Germany", "DEU", "name"), ("German", "DEU", "adjective"),
    ("Berlin", "DEU", "capital"), ("North Korea", "PRK", "name"), ("Slovakia", "SVK", "name"),
    ("Australia", "AUS", "name"), ("Japan", "JPN", "name"), ("Taiwan", "TWN", "name"),
    ("Philippines", "PHL", "name"), ("Brazil's", "BRA", "name"), ("Finland", "FIN", "name"),
    ("UK", "GBR", "name"), ("Britain", "GBR", "name"), ("Swiss", "CHE", "adjective"),
    ("Bern", "CHE", "capital"), ("Spain", "ESP", "name"), ("Israel", "ISR", "name"),
    ("Yemen", "YEM", "name"), ("Yemenis", "YEM", "adjective"), ("HK", "HKG", "name"),
    ("Sudan", "SDN", "name"), ("Pakistan", "PAK", "name"), ("India", "IND", "name"),
    ("Indian", "IND", "adjective"), ("Lithuania's", "LTU", "name"), ("Denmark", "DNK", "name"),
    ("Turkey", "TUR", "name"), ("Tirana", "ALB", "capital"), ("Europe's", "EUR", "region"),
    ("Western", "WST", "region"), ("the West", "WST", "region"), ("Nordics", "SCN", "region"),
]


@pytest.mark.parametrize(("phrase", "code", "via"), SEED_ACTORS)
def test_seed_actors(gaz: Gazetteer, phrase: str, code: str, via: str) -> None:
    entry = gaz.lookup(phrase)
    assert entry is not None, phrase
    assert (entry.code, entry.via) == (code, via)


@pytest.mark.parametrize(("phrase", "name", "code", "sector"), [
    ("Kremlin", "Kremlin", "RUSGOV", "gov"), ("the Kremlin", "Kremlin", "RUSGOV", "gov"),
    ("White House", "White House", "USAGOV", "gov"), ("Pentagon", "Pentagon", "USAMIL", "mil"),
    ("State Department", "State Department", "USAGOV", "gov"), ("Capitol Hill", "US Congress", "USALEG", "leg"),
    ("Downing Street", "Downing Street", "GBRGOV", "gov"), ("Élysée", "Elysee", "FRAGOV", "gov"),
    ("Zhongnanhai", "Zhongnanhai", "CHNGOV", "gov"), ("Blue House", "Blue House", "KORGOV", "gov"),
    ("NATO", "NATO", "IGONAT", "igo"), ("UN", "United Nations", "IGOUNO", "igo"),
    ("EU", "European Union", "IGOEEC", "igo"), ("ICRC", "International Committee of the Red Cross", "NGOIRC", "ngo"),
    ("Shanghai Cooperation Organisation", "Shanghai Cooperation Organisation", "IGOSCO", "igo"),
])
def test_seats_and_organisations(gaz: Gazetteer, phrase: str, name: str, code: str, sector: str) -> None:
    entry = gaz.lookup(phrase)
    assert entry is not None
    assert (entry.name, entry.code, entry.sector, entry.kind) == (name, code, sector, ActorKind.ORG)


def test_states_and_regions_have_their_kinds(gaz: Gazetteer) -> None:
    china, beijing, west = gaz.lookup("China"), gaz.lookup("Beijing"), gaz.lookup("Western")
    assert china is not None and beijing is not None and west is not None
    assert (china.kind, china.name, china.sector) == (ActorKind.COUNTRY, "China", None)
    assert (beijing.kind, beijing.name, beijing.matched) == (ActorKind.COUNTRY, "China", "Beijing")
    assert (west.kind, west.country) == (ActorKind.GROUP, "WST")


@pytest.mark.parametrize(("phrase", "name", "country"), [
    ("AFP", "AFP", "FRA"), ("Agence France-Presse", "AFP", "FRA"), ("Wall Street Journal", "Wall Street Journal", "USA"),
    ("the Wall Street Journal", "Wall Street Journal", "USA"), ("Xinhua", "Xinhua", "CHN"), ("TASS", "TASS", "RUS"),
    ("Reuters", "Reuters", "GBR"), ("AP", "Associated Press", "USA"), ("China Daily", "China Daily", "CHN"),
    ("Global Times", "Global Times", "CHN"), ("UPI", "United Press International", "USA"), ("IANS", "IANS", "IND"),
    ("dpa", "dpa", "DEU"), ("Al Jazeera", "Al Jazeera", "QAT"), ("Al-Jazeera", "Al Jazeera", "QAT"),
])
def test_media_are_not_political_actors(gaz: Gazetteer, phrase: str, name: str, country: str) -> None:
    entry = gaz.lookup(phrase)
    assert entry is not None
    assert (entry.name, entry.country, entry.sector, entry.via) == (name, country, "media", "media")
    assert entry.code == country + "MED"
    assert gaz.country_of(phrase) is None  # a newspaper's home is not a nationality


@pytest.mark.parametrize("phrase", [
    "us", "Us", "china", "turkey", "may", "May", "Who", "who", "West", "Gulf", "jordan river", "white house",
    "National University of Singapore", "Guinea pig", "Security Council", "the", "",
])
def test_ordinary_words_are_not_actors(gaz: Gazetteer, phrase: str) -> None:
    assert gaz.lookup(phrase) is None


@pytest.mark.parametrize(("phrase", "country"), [
    ("New Mexico", "USA"), ("Pennsylvania", "USA"), ("Mumbai", "IND"), ("Osaka", "JPN"),
])
def test_geonames_places_are_places_of_their_country(gaz: Gazetteer, phrase: str, country: str) -> None:
    """GeoNames' large cities and the US states: places (never actors), and `New Mexico` is not Mexico."""
    entry = gaz.lookup(phrase)
    assert entry is not None and entry.is_place and entry.country == country


@pytest.mark.parametrize("phrase", ["Charlotte", "Florence", "Victoria"])
def test_small_or_shared_city_names_are_not_places(gaz: Gazetteer, phrase: str) -> None:
    assert gaz.place_country(phrase) is None


@pytest.mark.parametrize(("phrase", "code"), [
    ("CHINA", "CHN"), ("THE KREMLIN", "RUSGOV"), ("KYIV", "UKR"), ("Kiev", "UKR"), ("Türkiye", "TUR"),
    ("Turkiye", "TUR"), ("Côte d’Ivoire", "CIV"), ("Ivory Coast", "CIV"), ("Czechia", "CZE"), ("Vatican", "VAT"),
    ("South Korea", "KOR"), ("Republic of Korea", "KOR"), ("DPRK", "PRK"), ("Syria", "SYR"),
    ("Syrian Arab Republic", "SYR"), ("Russian Federation", "RUS"), ("People's Republic of China", "CHN"),
    ("America", "USA"), ("Americans", "USA"), ("Britons", "GBR"), ("Emirati", "ARE"), ("Filipino", "PHL"),
    ("Dutch", "NLD"), ("Saudis", "SAU"), ("Pyongyang", "PRK"), ("Tehran", "IRN"), ("Ankara", "TUR"),
    ("New Delhi", "IND"), ("Democratic Republic Of The Congo", "COD"), ("DR Congo", "COD"), ("Congo", "COG"),
    ("Guinea-Bissau", "GNB"), ("Guinea Bissau", "GNB"), ("Georgia", "GEO"), ("Jordan", "JOR"), ("Chad", "TCD"),
    ("Niger", "NER"), ("Nigerien", "NER"), ("Nigerian", "NGA"), ("Latin American", "LAM"), ("Middle East", "MEA"),
])
def test_aliases_and_case_rules(gaz: Gazetteer, phrase: str, code: str) -> None:
    entry = gaz.lookup(phrase)
    assert entry is not None, phrase
    assert entry.code == code


def test_jerusalem_and_tel_aviv_are_left_out(gaz: Gazetteer) -> None:
    """Neither is a metonym for a state; Tel Aviv is only a place (places.tsv), Israel's city."""
    assert gaz.lookup("Jerusalem") is None and gaz.country_of("Tel Aviv") is None
    entry = gaz.lookup("Tel Aviv")
    assert entry is not None and entry.is_place and entry.country == "ISR"


def _scan(gaz: Gazetteer, words: list[str]) -> list[tuple[str, str]]:
    found, i = [], 0
    while i < len(words):
        hit = gaz.match_at(words, i)
        if hit is None:
            i += 1
            continue
        entry, n = hit
        found.append((" ".join(words[i:i + n]), entry.code))
        i += n
    return found


def test_match_at_prefers_the_longest_alias(gaz: Gazetteer) -> None:
    words = "a deal between Saudi Arabia and Iran , Saudi officials said".split()
    assert _scan(gaz, words) == [("Saudi Arabia", "SAU"), ("Iran", "IRN"), ("Saudi", "SAU")]
    assert gaz.match_at(words, 3) == (gaz.lookup("Saudi Arabia"), 2)
    words = "the Wall Street Journal and China Daily said the United States and South Africa".split()
    assert _scan(gaz, words) == [("Wall Street Journal", "USAMED"), ("China Daily", "CHNMED"),
                                 ("United States", "USA"), ("South Africa", "ZAF")]


def test_match_at_on_seed_sentences(gaz: Gazetteer) -> None:
    text = ("Xi will be in Russia from Monday to Wednesday , Beijing 's foreign ministry and the Kremlin said . "
            "Ja-Ian Chong , an associate professor at the National University of Singapore . "
            "National Security Council spokesman John Kirby told AFP about a Wall Street Journal report "
            "and a continued violation of the UN Charter . Western-armed Ukrainian troops")
    assert _scan(gaz, text.split()) == [
        ("Russia", "RUS"), ("Beijing", "CHN"), ("Kremlin", "RUSGOV"), ("AFP", "FRAMED"),
        ("Wall Street Journal", "USAMED"), ("UN", "IGOUNO"), ("Ukrainian", "UKR")]


def test_match_at_tokens_and_punctuation(gaz: Gazetteer) -> None:
    assert gaz.match_at(["People", "'s", "Daily"], 0) == (gaz.lookup("People's Daily"), 3)
    assert gaz.match_at(["Ukraine", "'s", "President"], 0) == (gaz.lookup("Ukraine"), 1)
    assert gaz.match_at(["Ukraine's", "President"], 0) == (gaz.lookup("Ukraine"), 1)
    assert gaz.match_at(["Uzbekistan."], 0) == (gaz.lookup("Uzbekistan"), 1)
    assert gaz.match_at(["U.S.", "claims"], 0) == (gaz.lookup("U.S."), 1)
    assert gaz.match_at(["tell", "us"], 1) is None
    assert gaz.match_at(["Guinea", "pigs"], 0) is None
    assert gaz.match_at(["the", "West", "Bank"], 1) is None
    assert gaz.match_at(["West", "leaders"], 0) is None
    assert gaz.match_at(["the", "West", "accused"], 1) == (gaz.lookup("the West"), 1)
    assert gaz.match_at(["Gulf", "of", "Mexico"], 2) is None
    assert gaz.match_at(["Kyiv"], 5) is None


@pytest.mark.parametrize(("word", "code"), [
    ("Chinese", "CHN"), ("Ukraine's", "UKR"), ("Russian", "RUS"), ("Beijing's", "CHN"), ("Kremlin", "RUS"),
    ("Chinese-ally", "CHN"), ("China-mediated", "CHN"), ("U.S.-Made", "USA"), ("Russia-Ukraine", None),
    ("Putin-Xi", None), ("Western", None), ("AFP", None), ("NATO", None), ("Xi", None), ("us", None),
])
def test_country_of(gaz: Gazetteer, word: str, code: str | None) -> None:
    assert gaz.country_of(word) == code


def test_region_or_country(gaz: Gazetteer) -> None:
    assert gaz.region_or_country("Western") == "WST"
    assert gaz.region_or_country("Western-armed") == "WST"
    assert gaz.region_or_country("Chinese") == "CHN"
    assert gaz.country_name("CHN") == "China" and gaz.country_name("WST") == "The West"
    assert gaz.country_name("XYZ") == "XYZ"


@pytest.mark.parametrize(("phrase", "expected"), [
    ("foreign ministry", ("gov", "GOV")), ("Foreign Ministry", ("gov", "GOV")),
    ("ministry of foreign affairs", ("gov", "GOV")), ("the foreign office", ("gov", "GOV")),
    ("defence ministry", ("mil", "MIL")), ("defense ministry", ("mil", "MIL")), ("army", ("mil", "MIL")),
    ("military", ("mil", "MIL")), ("navy", ("mil", "MIL")), ("coast guard", ("mil", "MIL")),
    ("parliament", ("leg", "LEG")), ("national security council", ("gov", "GOV")),
    ("police", ("cop", "COP")), ("intelligence", ("spy", "SPY")), ("spokesman", None), ("Xi", None),
])
def test_ministry(gaz: Gazetteer, phrase: str, expected: tuple[str, str] | None) -> None:
    assert gaz.ministry(phrase) == expected


def test_actor_code() -> None:
    assert actor_code("CHN", "gov") == "CHNGOV"
    assert actor_code("USA", "mil") == "USAMIL"
    assert actor_code("USA", "military") == "USAMIL"
    assert actor_code("RUS", None) == "RUS"
    assert actor_code("USA", "gov", "LEG") == "USALEG"
    assert actor_code("IGONAT", "igo") == "IGONAT"
    assert actor_code("FRA", "media") == "FRAMED"
    assert actor_code(None, "mil") == "MIL"


def test_loader_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()


# -- table integrity ------------------------------------------------------------------------------

def test_every_iso_country_has_one_row() -> None:
    codes = [row["alpha3"] for row in _rows("countries.tsv")]
    assert len(codes) == len(set(codes))
    assert set(codes) == {c.alpha_3 for c in pycountry.countries}


@pytest.mark.parametrize(("table", "column"), [
    ("countries.tsv", "alpha3"), ("seats.tsv", "country"), ("organisations.tsv", "country"),
])
def test_country_codes_are_iso(table: str, column: str) -> None:
    for row in _rows(table):
        if row[column]:
            assert pycountry.countries.get(alpha_3=row[column]) is not None, row


def test_codes_follow_the_scheme() -> None:
    for row in _rows("seats.tsv"):
        assert row["code"] == actor_code(row["country"], row["sector"]), row
    for row in _rows("organisations.tsv"):
        if row["sector"] in ("media", "business"):  # a medium or a company is its home country's
            assert row["code"] == actor_code(row["country"], row["sector"]), row
        else:
            assert row["code"][:3] == row["sector"].upper() and len(row["code"]) == 6 and not row["country"], row
    for row in _rows("ministries.tsv"):
        assert row["role"] == actor_code(None, row["sector"]) and row["phrase"] == row["phrase"].lower(), row
    regions = [row["code"] for row in _rows("regions.tsv")]
    assert len(regions) == len(set(regions)) and not any(pycountry.countries.get(alpha_3=c) for c in regions)


def test_no_alias_has_two_meanings(gaz: Gazetteer) -> None:
    """A spelling (after folding, case kept) never denotes two different actors."""
    meanings: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for spellings in gaz.aliases.values():
        for alias in spellings:
            meanings[alias.folded].add((alias.entry.code, alias.entry.name))
    conflicts = {alias: m for alias, m in meanings.items() if len(m) > 1}
    assert conflicts == {}


def test_ministries_are_not_gazetteer_names(gaz: Gazetteer) -> None:
    """Role and body words are never looked up as actors: "army" is a sector, not a name."""
    for phrase in gaz.ministries:
        assert gaz.lookup(phrase) is None, phrase


def test_fold() -> None:
    assert fold("Côte d’Ivoire") == "Cote d'Ivoire"
    assert fold("People 's  Daily") == "People's Daily"
    assert fold("Guinea-Bissau") == "Guinea Bissau"


@pytest.mark.parametrize("word", ["ministry", "Ministry", "House", "Pentagon", "parliament", "Kremlin's", "al-Qaeda"])
def test_words_that_end_a_name_or_body(gaz: Gazetteer, word: str) -> None:
    assert gaz.may_end_name(word)


@pytest.mark.parametrize("word", ["economy", "talks", "weather", "harvest"])
def test_words_that_end_no_name_or_body(gaz: Gazetteer, word: str) -> None:
    assert not gaz.may_end_name(word)


def test_every_alias_ends_with_a_known_last_word(gaz: Gazetteer) -> None:
    """The filter may never hide a name: each alias and body phrase passes it."""
    for key in [*gaz.aliases, *gaz.ministries]:
        assert gaz.may_end_name(key.split(" ")[-1]), key
