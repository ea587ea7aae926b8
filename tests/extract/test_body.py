"""Body selection rules on small hand-written pages: where a story ends and what it keeps."""

from __future__ import annotations

from dateline.extract import extract_page
from dateline.extract.lines import split_lines
from dateline.extract.shapes import is_attributed_quote
from dateline.extract.title import title_lines

_TITLE = "Storm hits the coast overnight - Example News"
_HEAD = "Storm hits the coast overnight"
_BODY = [
    "A powerful storm struck the northern coast overnight, cutting power to thousands of homes.",
    "Emergency crews worked through the night to clear fallen trees from the main roads.",
    "The regional weather office said winds had reached their highest speed in a decade.",
    "Schools in three towns will stay closed on Monday while engineers inspect the buildings.",
]
_LONG = (
    "I have lived on this coast for forty years and I have never seen the council so unprepared for a "
    "storm that everyone knew was coming, and the people who pay for it are the ones without generators."
)


def _body(*lines: str) -> str:
    page = extract_page("\n".join([_TITLE, "Home", _HEAD, *lines]), source="t.txt", page_id="t")
    return page.articles[0].body if page.articles else ""


def test_body_ends_at_a_counted_comment_thread() -> None:
    body = _body(*_BODY, "Sign up for our daily newsletter", "47 Comments", "Sort by: Newest",
                 "coastwatcher", "April 10, 2025 at 5:02 p.m.", _LONG, "Reply  Like (12)",
                 "marta_k", "April 10, 2025 at 5:20 p.m.", _LONG.replace("forty", "fifty"), "Reply  Like (3)")
    assert body == "\n\n".join(_BODY)


def test_body_drops_the_wire_credit_line() -> None:
    credit = "(Reporting by Jane Roe in Nairobi; Editing by John Doe)"
    assert _body(*_BODY, credit, "Read Next") == "\n\n".join(_BODY)


def test_body_ignores_lone_ledes_in_a_list_of_other_stories() -> None:
    others = [
        ("Floods close the river road", "Officials closed the river road on Sunday after the water rose "
         "above the barriers for the first time since the spring floods of the previous year."),
        ("Ferry service resumes after the storm", "The island ferry resumed its morning crossings on "
         "Monday after engineers checked the pier and the harbour master declared the channel safe."),
    ]
    teasers = [line for pair in others for line in (pair[0], "Monday, March 3, 2025", pair[1])]
    assert _body(*_BODY, "More news", *teasers) == "\n\n".join(_BODY)


def test_body_ends_before_an_about_section() -> None:
    profile = ("Example Power is a regional utility serving two million customers across the north, with "
               "offices in four cities and a workforce of about three thousand people.")
    body = _body(*_BODY, "About Example Power", profile, profile.replace("two", "three"))
    assert body == "\n\n".join(_BODY)


def test_body_keeps_a_list_the_story_introduces() -> None:
    intro = "The office listed the highest gusts recorded overnight:"
    items = ["Harbour Point 142 km/h", "North Cape 131 km/h", "Old Mill 118 km/h", "Bay Bridge 109 km/h"]
    body = _body(*_BODY[:2], intro, *items, "Share this", "Facebook", "Twitter")
    assert body == "\n\n".join([*_BODY[:2], intro, *items])


def test_body_keeps_a_table_under_a_heading() -> None:
    rows = [f"March {d} – Harbour Point, {40 + d} mm" for d in range(1, 7)]
    body = _body(*_BODY, "Rainfall By Day", *rows, "Facebook", "Twitter", "Newsletter")
    assert body == "\n\n".join([*_BODY, "Rainfall By Day", *rows])


def test_body_skips_a_list_of_headlines_under_a_heading() -> None:
    links = ["Floods close the river road", "Ferry service resumes", "Council meets on Friday",
             "Schools reopen in the north", "Power back for most homes"]
    assert _body(*_BODY, "Editors Choice", *links, "Facebook") == "\n\n".join(_BODY)


def test_title_lines_skip_a_comment_thread_header() -> None:
    lines = split_lines("\n".join([_TITLE, _HEAD, *_BODY, f"34 responses to “{_HEAD}”"]))
    assert title_lines(lines) == [1]


def test_body_ends_where_furniture_clusters() -> None:
    promo = ("Our daily briefing brings the stories that matter to your inbox every morning, with analysis "
             "from our reporters and a look at what comes next.")
    body = _body(*_BODY, "Subscribe to our newsletter", "Sign up now", "Stay informed.", promo,
                 "Contact us", "Careers")
    assert body == "\n\n".join(_BODY)


def test_body_drops_photo_captions_inside_the_story() -> None:
    body = _body(*_BODY[:2], "Crews clear a road near the harbour. Photo: Jane Roe, AP", *_BODY[2:])
    assert body == "\n\n".join(_BODY)


def test_body_keeps_a_short_closing_answer_with_its_attribution() -> None:
    """An interview's last answer (`"That's right," the mayor said.`) is a paragraph of the
    story however short; a short line of another shape after the story is not."""
    answer = "\u201cNot yet,\u201d Okafor said."
    assert _body(*_BODY, answer, "First published on April 10, 2025") == "\n\n".join([*_BODY, answer])
    assert _body(*_BODY, "Not yet, anyway", "First published on April 10, 2025") == "\n\n".join(_BODY)


def test_attributed_quote_shapes() -> None:
    assert is_attributed_quote('"That is right," the mayor said.')
    assert is_attributed_quote("\u201cWhy now?\u201d asked Lindqvist.")
    assert not is_attributed_quote('"Storm Watch" live updates')
    assert not is_attributed_quote("The mayor said.")
