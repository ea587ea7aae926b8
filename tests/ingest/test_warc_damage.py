"""A damaged WARC record costs that record only: generated files with one damage each.

Each file holds good HTML responses and one damaged stretch at a seeded place (a payload that
claims gzip but is not, a broken chunked encoding, an over-size gzip-encoded payload, a missing,
negative or huge Content-Length, garbage between records, a cut), plain and gzipped per record.
Every good record must come out ingested with its own body, and the damage must be exactly one
record, keyed at its offset, with a reason of the forms docs/inputs.md lists.
"""

from __future__ import annotations

import gzip
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dateline.ingest.inputs import InputRecord, read_inputs

MAX = 4096
_WORDS = "talks peace minister said envoy plan border trade vote court storm rally".split()

# The reasons docs/inputs.md gives for a damaged or refused WARC record.
_DOCUMENTED = re.compile(
    r"cannot read record: .+"
    r"|record too large: over [0-9,]+ bytes \(--max-bytes\)"
    r"|WARC record without Content-Length( \(.+\))?"
    r"|not a WARC record \(no WARC/ version line\)"
    r"|truncated: the data ends inside this record \(at byte \d+ of the file\)"
    r"|truncated gzip stream at byte \d+"
    r"|not gzip data at byte \d+"
    r"|corrupt gzip data in the member at byte \d+: .+")


def _page(rnd: random.Random, i: int) -> bytes:
    words = " ".join(rnd.choices(_WORDS, k=rnd.randint(5, 60)))
    return f"<html><body><p>Story {i}: {words}</p></body></html>".encode()


def _record(url: str, payload: bytes, http_extra: bytes = b"", *, length: bytes | None = None) -> bytes:
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + http_extra
            + b"\r\n" + payload)
    declared = str(len(http)).encode() if length is None else length
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + url.encode()
            + b"\r\nWARC-Date: 2023-03-17T10:00:00Z\r\n"
            + b"Content-Type: application/http; msgtype=response\r\n")
    if declared:
        head += b"Content-Length: " + declared + b"\r\n"
    return head + b"\r\n" + http + b"\r\n\r\n"


@dataclass
class _Damage:
    """A damaged stretch: its bytes and the status and reason pattern the reader must give it."""

    data: bytes
    status: str
    reason: str


def _bad_encoding(rnd: random.Random) -> _Damage:
    body = _page(rnd, -1)
    coding = rnd.choice([b"gzip", b"x-gzip", b"deflate", b"br"])
    return _Damage(_record("https://bad.example/coding", body, b"Content-Encoding: " + coding + b"\r\n"),
                   "failed", r"cannot read record: .*")


def _bad_chunks(rnd: random.Random) -> _Damage:
    body = b"zz\r\n" + _page(rnd, -1) + b"\r\n0\r\n\r\n"
    return _Damage(_record("https://bad.example/chunks", body, b"Transfer-Encoding: chunked\r\n"),
                   "failed", r"cannot read record: .*chunk.*")


def _over_size_gzip(rnd: random.Random) -> _Damage:
    text = " ".join(rnd.choices(_WORDS, k=4 * MAX)).encode()
    body = gzip.compress(b"<html><body><p>" + text + b"</p></body></html>")
    return _Damage(_record("https://big.example/", body, b"Content-Encoding: gzip\r\n"),
                   "skipped", r"record too large: over 4,096 bytes \(--max-bytes\)")


def _no_length(rnd: random.Random) -> _Damage:
    return _Damage(_record("https://bad.example/nolen", _page(rnd, -1), length=b""),
                   "failed", r"WARC record without Content-Length")


def _negative_length(rnd: random.Random) -> _Damage:
    return _Damage(_record("https://bad.example/neg", _page(rnd, -1), length=b"-17"),
                   "failed", r"WARC record without Content-Length \(.*not a length\)")


def _huge_length(rnd: random.Random) -> _Damage:
    size = rnd.choice([b"99999999", b"999999999999999999999", b"123456789012"])
    return _Damage(_record("https://bad.example/huge", _page(rnd, -1), length=size),
                   "failed", r"WARC record without Content-Length \(.+\)")


def _garbage(rnd: random.Random) -> _Damage:
    junk = bytes(rnd.randrange(33, 127) for _ in range(rnd.randint(1, 300)))
    return _Damage(junk + rnd.choice([b"", b"\r\n", b"\n"]), "failed",
                   r"not a WARC record \(no WARC/ version line\)")


DAMAGES: dict[str, Callable[[random.Random], _Damage]] = {
    "bad content encoding": _bad_encoding, "bad chunking": _bad_chunks,
    "over-size gzip record": _over_size_gzip, "no Content-Length": _no_length,
    "negative Content-Length": _negative_length, "huge Content-Length": _huge_length,
    "garbage between records": _garbage,
}


def _build(path: Path, seed: int, damage: Callable[[random.Random], _Damage] | None, *,
           gz: bool) -> tuple[list[tuple[int, bytes]], tuple[int, _Damage] | None]:
    """A WARC of 6 to 12 good pages with `damage` at a seeded place: the good pages' offsets
    and bodies, and the damage's offset."""
    rnd = random.Random(seed)
    count = rnd.randint(6, 12)
    # between two records: a file that starts with garbage is no WARC, and a damage at the very
    # end (a huge length there) is a cut, which the cut tests cover
    where = rnd.randint(1, count - 1) if damage else -1
    good: list[tuple[int, bytes]] = []
    bad: tuple[int, _Damage] | None = None
    with path.open("wb") as fh:
        for i in range(count + 1):
            if i == where:
                assert damage is not None
                d = damage(rnd)
                bad = (fh.tell(), d)
                fh.write(gzip.compress(d.data) if gz else d.data)
            if i < count:
                body = _page(rnd, i)
                good.append((fh.tell(), body))
                data = _record(f"https://news.example/{i}", body)
                fh.write(gzip.compress(data) if gz else data)
    return good, bad


def _read(path: Path) -> list[InputRecord]:
    return list(read_inputs(str(path), max_bytes=MAX))


def _check(records: list[InputRecord], good: list[tuple[int, bytes]],
           bad: tuple[int, _Damage] | None) -> None:
    oks = {r.key: r.body for r in records if r.status == "ok"}
    assert oks == {f"offset={at}": body.decode() for at, body in good}
    others = [r for r in records if r.status != "ok"]
    if bad is None:
        assert others == []
        return
    at, damage = bad
    assert [(r.key, r.status) for r in others] == [(f"offset={at}", damage.status)]
    assert re.fullmatch(damage.reason, others[0].reason), others[0].reason
    assert _DOCUMENTED.fullmatch(others[0].reason), others[0].reason


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
@pytest.mark.parametrize("kind", sorted(DAMAGES))
@pytest.mark.parametrize("seed", range(6))
def test_warc_damage_costs_one_record(tmp_path: Path, kind: str, seed: int, gz: bool) -> None:
    path = tmp_path / ("f.warc.gz" if gz else "f.warc")
    good, bad = _build(path, seed, DAMAGES[kind], gz=gz)
    _check(_read(path), good, bad)


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
@pytest.mark.parametrize("seed", range(6))
def test_warc_damage_a_cut_costs_the_record_it_hits(tmp_path: Path, seed: int, gz: bool) -> None:
    path = tmp_path / ("f.warc.gz" if gz else "f.warc")
    good, _ = _build(path, seed, None, gz=gz)
    data = path.read_bytes()
    rnd = random.Random(seed)
    hit = rnd.randrange(1, len(good))  # a cut in the first record may leave too little to detect
    start = good[hit][0]
    end = good[hit + 1][0] if hit + 1 < len(good) else len(data)
    path.write_bytes(data[:rnd.randrange(start + 1, end - 4)])
    records = _read(path)
    assert [r.key for r in records] == [f"offset={at}" for at, _ in good[:hit + 1]]
    assert [r.body for r in records[:-1]] == [body.decode() for _, body in good[:hit]]
    assert records[-1].status == "failed"
    assert _DOCUMENTED.fullmatch(records[-1].reason) and "truncated" in records[-1].reason


@pytest.mark.parametrize("kind", ["garbage between members", "corrupt member"])
@pytest.mark.parametrize("seed", range(6))
def test_warc_damage_a_broken_gzip_member_costs_its_record(tmp_path: Path, seed: int, kind: str) -> None:
    """Damage to the compression itself: bytes between gzip members that are no member, or a
    member whose deflate data is broken. Reading goes on at the next member holding a record."""
    path = tmp_path / "f.warc.gz"
    good, _ = _build(path, seed, None, gz=True)
    data = path.read_bytes()
    rnd = random.Random(seed)
    hit = rnd.randrange(1, len(good) - 1)
    at = good[hit][0]
    if kind == "garbage between members":
        junk = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 400)))
        path.write_bytes(data[:at] + junk + data[at:])
        kept = good[:hit] + [(o + len(junk), body) for o, body in good[hit:]]
        reason = rf"not gzip data at byte {at}"
    else:
        broken = bytearray(data)
        broken[at + 20:at + 40] = b"\xff" * 20
        path.write_bytes(bytes(broken))
        kept = good[:hit] + good[hit + 1:]
        reason = rf"corrupt gzip data in the member at byte {at}: .+"
    records = _read(path)
    assert {r.key: r.body for r in records if r.status == "ok"} == {
        f"offset={o}": body.decode() for o, body in kept}
    (failed,) = [r for r in records if r.status != "ok"]
    assert (failed.key, failed.status) == (f"offset={at}", "failed")
    assert re.fullmatch(reason, failed.reason) and _DOCUMENTED.fullmatch(failed.reason)


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
def test_warc_damage_many_at_once_each_cost_one_record(tmp_path: Path, gz: bool) -> None:
    """Every kind of damage in one file, between good records: each is one record of its own."""
    rnd = random.Random(99)
    path = tmp_path / ("f.warc.gz" if gz else "f.warc")
    good: list[tuple[int, bytes]] = []
    bad: list[tuple[int, _Damage]] = []
    with path.open("wb") as fh:
        for i, kind in enumerate(sorted(DAMAGES) * 2):
            body = _page(rnd, i)
            good.append((fh.tell(), body))
            data = _record(f"https://news.example/{i}", body)
            fh.write(gzip.compress(data) if gz else data)
            d = DAMAGES[kind](rnd)
            bad.append((fh.tell(), d))
            fh.write(gzip.compress(d.data) if gz else d.data)
    records = _read(path)
    assert {r.key: r.body for r in records if r.status == "ok"} == {
        f"offset={at}": body.decode() for at, body in good}
    others = [r for r in records if r.status != "ok"]
    assert [(r.key, r.status) for r in others] == [(f"offset={at}", d.status) for at, d in bad]
    for r, (_, d) in zip(others, bad, strict=True):
        assert re.fullmatch(d.reason, r.reason) and _DOCUMENTED.fullmatch(r.reason), r.reason


def test_warc_damage_ingest_stores_every_good_record_and_one_failed_row_per_damage(
        tmp_path: Path) -> None:
    """Through `ingest`, which reads a big WARC in chunks that seek to their first record: the
    records table holds each damage once, failed at its offset, and no good record failed."""
    from dateline.config import IngestSettings
    from dateline.ingest import ingest
    from dateline.store import connect, list_records

    rnd = random.Random(7)
    path = tmp_path / "crawl.warc.gz"
    good: list[int] = []
    bad: dict[int, str] = {}
    kinds = sorted(DAMAGES)
    with path.open("wb") as fh:
        for i in range(70):
            if i % 10 == 5:
                d = DAMAGES[kinds[(i // 10) % len(kinds)]](rnd)
                bad[fh.tell()] = d.status
                fh.write(gzip.compress(d.data))
            sentences = " ".join(f"The harbour board met on day {i} and {w} said the quay {n} was safe."
                                 for n, w in enumerate(rnd.choices(_WORDS, k=6)))
            body = (f"<html><head><title>Harbour report {i}</title></head><body><article>"
                    f"<h1>Harbour report {i}</h1><p>{sentences}</p><p>{sentences[::-1]}</p>"
                    "</article></body></html>").encode()
            good.append(fh.tell())
            fh.write(gzip.compress(_record(f"https://port.example/{i}", body)))
    ingest([str(path)], db=tmp_path / "s.db", settings=IngestSettings(workers=1, analyse=False))
    rows = {str(r["key"]): str(r["status"]) for r in list_records(connect(tmp_path / "s.db"))}
    assert set(rows) == {f"offset={o}" for o in good} | {f"offset={o}" for o in bad}
    assert {k for k, status in rows.items() if status == "failed"} == {
        f"offset={o}" for o, status in bad.items() if status == "failed"}
    assert sum(status == "ingested" for status in rows.values()) > 60
