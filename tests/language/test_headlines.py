"""Quotations that appear in headlines: kept when the body does not repeat them."""

from __future__ import annotations

from dateline.extract import extract_page
from dateline.reading import analyse_articles

PAGE = """World Desk
{headline}
By Anna BERG
Geneva (AFP) March 9, 2024

Negotiators from both sides returned to the table on Saturday after a week-long pause in the talks.

{body}
"""


def _quotes(headline: str, body: str) -> list[tuple[str, str | None, int, int]]:
    text = PAGE.format(headline=headline, body=body)
    page = extract_page(text, source="h.txt", page_id="h")
    (analysis,) = analyse_articles([a for a in page.articles if a.kind == "main"])
    for q in analysis.quotes:
        assert text[q.start:q.end] == q.text
    return [(q.text, q.speaker, q.start, q.end) for q in analysis.quotes]


def test_headlines_quote_only_in_the_headline_is_kept() -> None:
    found = _quotes("Swiss minister calls ceasefire deal 'within reach'",
                    "Foreign Minister Ignazio Cassis hosted the delegations at a lakeside villa.")
    assert [q[0] for q in found] == ["within reach"]


def test_headlines_quote_repeated_in_the_body_is_not_counted_twice() -> None:
    found = _quotes("Swiss minister calls ceasefire deal 'within reach'",
                    'A deal is "within reach," Swiss Foreign Minister Ignazio Cassis told reporters.')
    assert [(q[0], q[1]) for q in found] == [("within reach,", "Ignazio Cassis")]
