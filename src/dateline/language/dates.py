"""Time expressions in a sentence, resolved to calendar dates against the article's date.

News copy dates events relative to the dateline (`on Thursday`, `last month`, `in September`),
so an event's date is only known once each expression is pointed the right way from it.

Direction, strongest evidence first:

1. A cue inside the expression: `next`/`coming` (strictly after the anchor), `last`/`previous`
   (strictly before), `ago`, `this` (the anchor's own week, month or year).
2. A speech verb right beside it (`said on Friday`, `said in February`, `on Tuesday said`): the
   past, the anchor day included, whatever the sentence's tense; so does `since`.
3. A future marker in the sentence (`will`, `'ll`, `shall`, `is set/due/expected to`): the future.
4. The sentence's `tense`: PAST looks back, FUTURE ahead (both include the anchor's own day or
   month), PRESENT/UNKNOWN takes the latest candidate not beyond a short horizon (3 days for
   weekdays and weekends, 2 months for months and month-days), as news mostly looks back.

The matched text leaves out bare prepositions (`in`, `on`) but keeps cue words and range words
(`last week`, `from Monday to Wednesday`, `late March`, `three days ago`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from dateline.language.tense import Tense
from dateline.model import DatePrecision

__all__ = ["ResolvedDate", "Tense", "resolve_dates"]


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A time expression and the day or range it names; `date_end` is None for a single day."""

    text: str
    start: int
    end: int
    date: dt.date
    date_end: dt.date | None
    precision: DatePrecision


class _Way(IntEnum):
    PAST = -1
    NEAREST = 0
    FUTURE = 1


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    anchor: dt.date
    tense: Tense
    future: bool  # the sentence has a future marker


_Hit = tuple[dt.date, dt.date | None, DatePrecision]
_Period = tuple[dt.date, dt.date]
_Resolver = Callable[[re.Match[str], _Context], _Hit | None]

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve")

_FULL_MONTH = "|".join(_MONTH_NAMES)
_MONTH = rf"(?:(?:{_FULL_MONTH})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
_WEEKDAY = "(?:" + "|".join(_WEEKDAY_NAMES) + r")\b"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\b"
_LEAD_WEEKDAY = rf"(?:{_WEEKDAY},?\s+)?"
_PART = r"(?i:early|late|mid-|mid|end\s+of|the\s+end\s+of)"
_PREP = r"(?i:in|since|by|until|till|through|throughout|during|from|before|after|of|for)"
_HORIZON_DAYS = 3
_HORIZON_MONTHS = 2

_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|added|stated|confirmed|reported|declared|noted|wrote"
    r"|tweeted|insisted|warned|claimed)\s+(?:(?:on|in|earlier|late|early)\s+)?$",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\b(?i:since)\s+$")
_SPEECH_AFTER = re.compile(r"^,?\s*(?:said|says|told|announced|added|stated|confirmed)\b",
                           re.IGNORECASE)
_FUTURE_MARK = re.compile(
    r"\b(?:will|shall|won't|wo\s+n't)\b|\w'll\b"
    r"|\b(?:is|are|'s|'re)\s+(?:set|due|expected|scheduled|slated|going)\s+to\b",
    re.IGNORECASE,
)


def resolve_dates(text: str, *, anchor: dt.date, tense: Tense = Tense.UNKNOWN,
                  offset: int = 0) -> list[ResolvedDate]:
    """Every time expression in one sentence, resolved against `anchor`, in text order.

    Where expressions overlap the longest wins (`last Friday` over `Friday`). Offsets are
    `offset` plus the position in `text`, so a caller can pass a sentence's page offset.
    """
    cues = _cues(text)
    if not cues:  # most sentences name no time
        return []
    ctx = _Context(text, anchor, tense, bool(_FUTURE_MARK.search(text)))
    found: list[ResolvedDate] = []
    for cue, pattern, resolve in _RULES:
        if cue not in cues:
            continue
        for match in pattern.finditer(text):
            hit = resolve(match, ctx)
            if hit is None:
                continue
            group = "x" if "x" in pattern.groupindex else 0
            start, end = match.span(group)
            found.append(ResolvedDate(text[start:end], offset + start, offset + end, *hit))
    chosen: list[ResolvedDate] = []
    for cand in sorted(found, key=lambda r: (r.start - r.end, r.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda r: r.start)


# --- calendar arithmetic -------------------------------------------------------------------


def _month_number(name: str) -> int:
    return [m[:3].lower() for m in _MONTH_NAMES].index(name[:3].lower()) + 1


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _month_span(year: int, month: int) -> _Period:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _week_span(day: dt.date) -> _Period:
    """Monday to Sunday, the ISO week, as European and agency copy counts weeks."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _year_span(year: int) -> _Period:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _choose(options: list[_Period], anchor: dt.date, way: _Way, *, strict: bool,
            horizon: dt.date) -> _Period | None:
    """Pick one of several candidate periods (sorted) for an expression without a year.

    PAST: the latest starting on or before the anchor (strictly ending before it when the
    expression said `last`). FUTURE: the earliest ending on or after it (strictly starting after
    it for `next`). NEAREST: the latest starting on or before `horizon`.
    """
    if way is _Way.PAST:
        past = [p for p in options if (p[1] < anchor if strict else p[0] <= anchor)]
        return past[-1] if past else None
    if way is _Way.FUTURE:
        ahead = [p for p in options if (p[0] > anchor if strict else p[1] >= anchor)]
        return ahead[0] if ahead else None
    near = [p for p in options if p[0] <= horizon]
    return near[-1] if near else None


# --- direction ---------------------------------------------------------------------------------


def _way(match: re.Match[str], ctx: _Context, cue: str | None) -> tuple[_Way, bool]:
    """The direction to resolve `match` in, and whether an explicit cue made it strict."""
    if cue:
        cue = cue.lower()
        if cue in ("next", "coming"):
            return _Way.FUTURE, True
        if cue in ("last", "previous"):
            return _Way.PAST, True
    group = "x" if "x" in match.re.groupindex else 0
    start, end = match.span(group)
    before = ctx.text[:start]
    if _SPEECH_BEFORE.search(before) or _SPEECH_AFTER.match(ctx.text[end:]):
        return _Way.PAST, False
    if _SINCE.search(before):
        return _Way.PAST, False
    if ctx.future or ctx.tense is Tense.FUTURE:
        return _Way.FUTURE, False
    if ctx.tense is Tense.PAST:
        return _Way.PAST, False
    return _Way.NEAREST, False


# --- resolvers ---------------------------------------------------------------------------------


def _explicit_date(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """`March 17, 2023`, `17 March 2023`, `2023-03-17`: no arithmetic, only validation."""
    month = match["m"] if match["m"].isdigit() else str(_month_number(match["m"]))
    day = _safe_date(int(match["y"]), int(month), int(match["d"]))
    return (day, None, DatePrecision.DAY) if day else None


def _month_day(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """`March 17`: the year comes from the anchor, pointed by direction."""
    month, day = _month_number(match["m"]), int(match["d"])
    years = range(ctx.anchor.year - 8, ctx.anchor.year + 9)  # wide enough for 29 February
    days = [d for d in (_safe_date(y, month, day) for y in years) if d]
    if not days:
        return None
    way, strict = _way(match, ctx, None)
    y, m = _add_months(ctx.anchor.year, ctx.anchor.month, _HORIZON_MONTHS)
    horizon = _safe_date(y, m, min(ctx.anchor.day, calendar.monthrange(y, m)[1])) or ctx.anchor
    picked = _choose([(d, d) for d in days], ctx.anchor, way, strict=strict, horizon=horizon)
    return (picked[0], None, DatePrecision.DAY) if picked else None


def _month_year(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """`February 2022`, `late March 2023`: month precision (early/late narrow nothing)."""
    first, last = _month_span(int(match["y"]), _month_number(match["m"]))
    return first, last, DatePrecision.MONTH


def _month_alone(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """`in February`, `last September`, `late March`: the nearest such month in direction.

    A bare month name needs a preposition, a cue or `early`/`late`, so that `May` the verb
    and names like `April` stay untouched.
    """
    if not (match["prep"] or match["cue"] or match["part"]):
        return None
    month = _month_number(match["m"])
    if match["cue"] and match["cue"].lower() == "this":
        first, last = _month_span(ctx.anchor.year, month)
        return first, last, DatePrecision.MONTH
    options = [_month_span(y, month) for y in range(ctx.anchor.year - 2, ctx.anchor.year + 3)]
    way, strict = _way(match, ctx, match["cue"])
    horizon = _month_span(*_add_months(ctx.anchor.year, ctx.anchor.month, _HORIZON_MONTHS))[1]
    picked = _choose(options, ctx.anchor, way, strict=strict, horizon=horizon)
    return (picked[0], picked[1], DatePrecision.MONTH) if picked else None


def _year(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """`in 2019`, `since early 2014`: a year needs a preposition to be told from a count."""
    first, last = _year_span(int(match["y"]))
    return first, last, DatePrecision.YEAR


def _relative_day(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """`today`, `tonight`, `this morning`, `yesterday`, `last night`, `tomorrow`."""
    words = " ".join(match["x"].lower().split())
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1,
             "the day before yesterday": -2, "the day after tomorrow": 2}.get(words, 0)
    return ctx.anchor + dt.timedelta(days=shift), None, DatePrecision.DAY


def _relative_unit(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """`this/last/next week|month|year`, `earlier this month`, `late last year`."""
    shift = {"this": 0, "last": -1, "previous": -1, "next": 1}[match["cue"].lower()]
    unit, a = match["unit"].lower(), ctx.anchor
    if unit == "week":
        first, last = _week_span(a + dt.timedelta(weeks=shift))
        return first, last, DatePrecision.WEEK
    if unit == "month":
        first, last = _month_span(*_add_months(a.year, a.month, shift))
        return first, last, DatePrecision.MONTH
    first, last = _year_span(a.year + shift)
    return first, last, DatePrecision.YEAR


def _ago(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """`three days ago` (day), `two weeks ago` (that week), `a month ago`, `five years ago`."""
    raw = match["n"].lower()
    n = int(raw) if raw.isdigit() else 1 if raw in ("a", "an") else _NUMBER_WORDS.index(raw)
    unit, a = match["unit"].lower(), ctx.anchor
    if unit == "day":
        return a - dt.timedelta(days=n), None, DatePrecision.DAY
    if unit == "week":
        first, last = _week_span(a - dt.timedelta(weeks=n))
        return first, last, DatePrecision.WEEK
    if unit == "month":
        first, last = _month_span(*_add_months(a.year, a.month, -n))
        return first, last, DatePrecision.MONTH
    if a.year - n < dt.MINYEAR:
        return None
    first, last = _year_span(a.year - n)
    return first, last, DatePrecision.YEAR


def _days_of(weekday: int, anchor: dt.date, length: int) -> list[_Period]:
    """Every period starting on `weekday` within two weeks either side of the anchor."""
    starts = (anchor + dt.timedelta(days=k) for k in range(-14, 15))
    return [(s, s + dt.timedelta(days=length)) for s in starts if s.weekday() == weekday]


def _weekday_period(match: re.Match[str], ctx: _Context, weekday: int,
                    length: int) -> _Period | None:
    """A weekday (or a run of days from it) pointed by its cue, a speech verb or the tense."""
    cue = (match["cue"] or "").lower() if "cue" in match.re.groupindex else ""
    options = _days_of(weekday, ctx.anchor, length)
    if cue == "this":
        monday = _week_span(ctx.anchor)[0]
        return next(p for p in options if _week_span(p[0])[0] == monday)
    way, strict = _way(match, ctx, cue or None)
    horizon = ctx.anchor + dt.timedelta(days=_HORIZON_DAYS)
    return _choose(options, ctx.anchor, way, strict=strict, horizon=horizon)


def _weekday(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """`on Thursday`, `next Tuesday`, `last Friday`, `said Thursday`."""
    picked = _weekday_period(match, ctx, _WEEKDAY_NAMES.index(match["w"]), 0)
    return (picked[0], None, DatePrecision.DAY) if picked else None


def _weekday_range(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """`from Monday to Wednesday`, `Monday-Wednesday`, `between Monday and Wednesday`."""
    if (match["link"] or "").lower() == "and" and not match["between"]:
        return None  # `Monday and Tuesday` names two days, not a span
    first, last = _WEEKDAY_NAMES.index(match["w"]), _WEEKDAY_NAMES.index(match["w2"])
    length = (last - first) % 7 or 7
    picked = _weekday_period(match, ctx, first, length)
    return (picked[0], picked[1], DatePrecision.DAY) if picked else None


def _weekend(match: re.Match[str], ctx: _Context) -> _Hit | None:
    """`the weekend`, `this weekend`, `last weekend`: Saturday and Sunday."""
    picked = _weekday_period(match, ctx, 5, 1)
    return (picked[0], picked[1], DatePrecision.DAY) if picked else None


_NUMBER = r"\d{1,3}|(?i:a|an|" + "|".join(_NUMBER_WORDS[1:]) + ")"
_NO_YEAR = r",?\s+\d{4}\b"  # a date whose year failed to validate is no month-day either
_CUE = r"(?i:next|last|this|coming|previous)"

_RULES: tuple[tuple[str, re.Pattern[str], _Resolver], ...] = (
    ("digit", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _explicit_date),
    ("month", re.compile(rf"\b{_LEAD_WEEKDAY}(?P<m>{_MONTH})\s+{_DAY},?\s+(?P<y>\d{{4}})\b"),
     _explicit_date),
    ("month", re.compile(rf"\b{_LEAD_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+"
                r"(?P<y>\d{4})\b"), _explicit_date),
    ("month", re.compile(rf"\b{_LEAD_WEEKDAY}(?P<m>{_MONTH})\s+{_DAY}(?![-–:.,/]?\d|{_NO_YEAR})"),
     _month_day),
    ("month", re.compile(rf"\b{_LEAD_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<m>{_MONTH})(?!{_NO_YEAR})"),
     _month_day),
    ("month", re.compile(rf"\b(?:{_PART}\s*)?(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>\d{{4}})\b"), _month_year),
    ("month", re.compile(rf"(?:\b(?P<prep>{_PREP})\s+|\b)(?P<x>(?:(?P<cue>{_CUE})\s+|(?P<part>{_PART})\s*)?"
                rf"(?P<m>{_FULL_MONTH}))\b(?!\s+\d)"), _month_alone),
    ("digit", re.compile(rf"\b{_PREP}\s+(?P<x>(?:{_PART}\s*)?(?P<y>(?:1[89]|20)\d\d))\b"
                r"(?![-–/.,]?\d|%|-[A-Za-z])"), _year),
    ("day", re.compile(r"\b(?P<x>(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today|tonight"
                r"|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night))\b"),
     _relative_day),
    ("unit", re.compile(r"(?<!the )(?<!The )\b(?P<x>(?:(?i:early|late|mid-|mid|earlier|later)\s*)?"
                r"(?P<cue>(?i:this|last|next|previous))\s+(?P<unit>(?i:week|month|year)))\b"),
     _relative_unit),
    ("ago", re.compile(rf"\b(?P<x>(?P<n>{_NUMBER})\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago))\b"),
     _ago),
    ("weekend", re.compile(rf"\b(?P<x>(?:(?P<cue>{_CUE})|(?i:the))\s+(?i:weekend))\b"), _weekend),
    ("weekday", re.compile(rf"\b(?P<x>(?:(?P<between>(?i:between))\s+|(?i:from)\s+)?(?P<w>{_WEEKDAY})"
                rf"(?:\s+(?P<link>(?i:to|through|until|till|and))\s+|\s*(?P<link2>[-–])\s*)"
                rf"(?P<w2>{_WEEKDAY}))"), _weekday_range),
    ("weekday", re.compile(rf"\b(?P<x>(?:(?P<cue>{_CUE})\s+)?(?P<w>{_WEEKDAY}))(?!-[a-z])"), _weekday),
)

# Every rule needs one word of its own kind (or a digit): `_cues` finds which kinds a sentence
# has with one scan of its words, and only those rules run. Most sentences name no time and run
# none. Months and weekdays are capitalised in the rules (`may` is a verb), the rest are not.
_CASED_CUES: dict[str, str] = {
    **{name: "month" for name in _MONTH_NAMES},
    **{abbr: "month" for abbr in ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")},
    **{name: "weekday" for name in _WEEKDAY_NAMES},
}
_FOLDED_CUES: dict[str, str] = {
    **{word: "day" for word in ("today", "tonight", "yesterday", "tomorrow", "morning", "afternoon",
                                "evening", "night")},
    **{word: "unit" for word in ("week", "month", "year")},
    "ago": "ago",
    "weekend": "weekend",
}
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


def _cues(text: str) -> set[str]:
    """The kinds of time words `text` has: the rules that could match it."""
    found = {cue for word in set(_WORD.findall(text))
             if (cue := _CASED_CUES.get(word) or _FOLDED_CUES.get(word.lower()))}
    if _DIGIT.search(text):
        found.add("digit")
    return found
