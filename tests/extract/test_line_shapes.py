"""Line-shape rules and body selection on small hand-written pages."""

from __future__ import annotations

import pytest

from dateline.extract import extract_page
from dateline.extract.shapes import (
    is_about_header,
    is_boilerplate,
    is_comment_meta,
    is_credit_line,
    is_link_intro,
    is_link_row,
    is_list_header,
    is_sentence,
    is_thread_header,
    prose_words,
)


_BODY = [
    "A powerful storm struck the northern coast overnight, cutting power to thousands of homes.",
    "Emergency crews worked through the night to clear fallen trees from the main roads.",
    "The regional weather office said winds had reached their highest speed in a decade.",
    "Schools in three towns will stay closed on Monday while engineers inspect the buildings.",
]


@pytest.mark.parametrize("text", ["joetoronto says:", "Jane Doe wrote:", "Reply", "12 likes"])
def test_shapes_comment_meta(text: str) -> None:
    assert is_comment_meta(text)


@pytest.mark.parametrize("text", ["The minister says: no.", "He said the reply would come."])
def test_shapes_comment_meta_not_prose(text: str) -> None:
    assert not is_comment_meta(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Home | News | Sport | Weather | Travel", True), ("Stocks: A | B | C | D | E | F", True),
     ("He chose between red and/or blue | rarely.", False), ("A plain sentence with no bars.", False)],
)
def test_shapes_link_row(text: str, expected: bool) -> None:
    assert is_link_row(text, len(text.split())) is expected


@pytest.mark.parametrize(
    "text", ["34 responses to “Lynn: we needed to win”", "Comments", "Leave a Reply", "12 thoughts on “A story”"]
)
def test_shapes_comment_thread_is_list_header(text: str) -> None:
    assert is_list_header(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The talks ended early ... read more", True), ("We use cookies to improve your experience.", True),
     ("Copyright 2019 Example Media", True), ("The minister read the report twice.", False)],
)
def test_shapes_boilerplate(text: str, expected: bool) -> None:
    assert is_boilerplate(text) is expected


def test_shapes_cjk_prose_counts_characters() -> None:
    text = "キンドルの設定画面からでは、このショートカットキーの設定を変更することができません。"
    words = prose_words(text, len(text.split()))
    assert words >= 10
    assert is_sentence(text, words)


def test_body_starts_after_headline_that_repeats_title() -> None:
    teaser = "Another story ran here yesterday and it also has several words in it."
    body = _BODY
    text = "\n".join(
        ["Storm hits the coast overnight - Example News", "Home", "World", teaser, "Sport",
         "Storm hits the coast overnight", "By Jane Doe", *body, "Related", "Other headline here now"]
    )
    page = extract_page(text, source="t.txt", page_id="t")
    main = page.articles[0]
    assert main.kind == "main"
    assert main.body == "\n\n".join(body)


def test_body_drops_a_repeated_copy_of_the_story() -> None:
    body = _BODY[:3]
    text = "\n".join(["A headline for the test - Site", "A headline for the test", *body, "Menu", *body])
    main = extract_page(text, source="t.txt", page_id="t").articles[0]
    assert main.body == "\n\n".join(body)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("47 Comments", True), ("Comments (3)", True), ("Leave a Reply", True),
     ("34 responses to “Lynn: we needed to win”", True), ("Comment", False), ("Comments", False),
     ("The comments were not helpful.", False)],
)
def test_shapes_thread_header(text: str, expected: bool) -> None:
    assert is_thread_header(text) is expected


@pytest.mark.parametrize("text", ["Reply  Like (12)", "Reply Like", "Sort by: Newest", "Load more comments"])
def test_shapes_comment_meta_widgets(text: str) -> None:
    assert is_comment_meta(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("(Reporting by Jane Roe in Nairobi; Editing by John Doe)", True),
     ("Additional reporting by Ann Lee; Writing by Bo Chan", True),
     ("Reporting by the paper showed the minister lied.", False),
     ("The reporting by local media was careful.", False)],
)
def test_shapes_credit_line(text: str, expected: bool) -> None:
    assert is_credit_line(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("About the author", True), ("About Acme Corp", True), ("Sobre Carlos Lima", True),
     ("About 300 people were evacuated.", False), ("About", True)],
)
def test_shapes_about_header(text: str, expected: bool) -> None:
    assert is_about_header(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Related coverage from Money:", True), ("Follow us on:", True), ("Artigos relacionados", True),
     ("The tour dates are:", False), ("Final standings after 36 races:", False)],
)
def test_shapes_link_intro(text: str, expected: bool) -> None:
    assert is_link_intro(text) is expected
