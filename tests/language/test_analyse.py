"""One article end to end: quotations with their speakers across paragraphs, terms left out,
mentions and offsets into the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pytest
from spacy.language import Language

from dateline.language.analyse import analysis_texts
from dateline.language.gazetteer import load_gazetteer
from dateline.language.nlp import load_nlp
from dateline.reading import analyse_articles
from dateline.model import ActorKind, Article, ArticleAnalysis, ArticleKind, Paragraph, QuoteKind

Analyse = Callable[..., ArticleAnalysis]


def _article(paragraphs: Sequence[str], place: str | None) -> Article:
    """An article whose paragraphs sit after a 20-character header, separated by blank lines."""
    at = 20
    built: list[Paragraph] = []
    for text in paragraphs:
        built.append(Paragraph(text, at, at + len(text)))
        at += len(text) + 2
    return Article(id="article-1", source="test.txt", kind=ArticleKind.MAIN, headline="A headline",
                   start=0, end=at, place=place, date=dt.date(2024, 5, 2), paragraphs=tuple(built))


@pytest.fixture(scope="module")
def analyse() -> Analyse:
    nlp: Language = load_nlp()
    gazetteer = load_gazetteer()

    def _analyse(*paragraphs: str, place: str | None = None) -> ArticleAnalysis:
        return analyse_articles([_article(paragraphs, place)], nlp=nlp, gazetteer=gazetteer)[0]
    return _analyse


def _speakers(analysis: ArticleAnalysis) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in analysis.quotes]


@pytest.mark.parametrize("paragraphs", [
    ['"We will not back down," Mayor Kamala Ortiz said.'],
    ['Mayor Kamala Ortiz said: "We will not back down."'],
    ['Mayor Kamala Ortiz, speaking in the square, told reporters: "We will not back down."'],
    ['The deal is "dead", according to Mayor Kamala Ortiz.'],
    ['"We will," Mayor Kamala Ortiz said, "not back down."'],
])
def test_analyse_named_speaker(analyse: Analyse, paragraphs: list[str]) -> None:
    analysis = analyse(*paragraphs)
    assert analysis.quotes
    assert {q.speaker for q in analysis.quotes} == {"Kamala Ortiz"}
    assert {q.speaker_role for q in analysis.quotes} == {"mayor"}


def test_analyse_adding_that_keeps_the_speaker(analyse: Analyse) -> None:
    analysis = analyse('Senator Mark Dolan criticised the plan, adding that "nobody asked the farmers".')
    assert _speakers(analysis) == [("nobody asked the farmers", "Mark Dolan")]
    assert analysis.quotes[0].cue == "add"


def test_analyse_inverted_said_x_a_spokesman_for_y(analyse: Analyse) -> None:
    analysis = analyse('"The talks were constructive," said Omar Haddad, a spokesman for the Arab League.',
                       place="Cairo")
    [quote] = analysis.quotes
    assert (quote.speaker, quote.speaker_role, quote.speaker_country) == ("Omar Haddad", "spokesman", None)
    actor = next(a for a in analysis.actors if a.name == "Omar Haddad")
    assert actor.code == "IGOARL"


def test_analyse_quoted_as_saying(analyse: Analyse) -> None:
    analysis = analyse('Opposition leader Tomas Varga was quoted as saying: "The election was stolen."')
    assert _speakers(analysis) == [("The election was stolen.", "Tomas Varga")]


@pytest.mark.parametrize(("paragraphs", "speaker"), [
    (['Defence Minister Karl Berg said the army was ready.',
      '"We have moved two brigades to the border," he said.'], "Karl Berg"),
    (['Defence Minister Karl Berg said the army was ready.', 'Opposition leader Ilse Manning disagreed.',
      '"This is reckless," she said.'], "Ilse Manning"),
    (['Mayor Kamala Ortiz, who has run the city since 2019, spoke on Tuesday.',
      '"We will not back down," she said.'], "Kamala Ortiz"),
    (['"The ceasefire must hold," Foreign Minister Ana Costa told reporters.',
      '"Every violation will be reported to the council," she added.'], "Ana Costa"),
])
def test_analyse_pronoun_cue_across_paragraphs(analyse: Analyse, paragraphs: list[str], speaker: str) -> None:
    assert analyse(*paragraphs).quotes[-1].speaker == speaker


def test_analyse_pronoun_does_not_reach_into_a_subordinate_subject(analyse: Analyse) -> None:
    analysis = analyse('Defence Minister Karl Berg said the opposition leader Ilse Manning was wrong.',
                       '"We have no choice," he said.')
    assert analysis.quotes[-1].speaker == "Karl Berg"


def test_analyse_it_said_is_the_body_that_spoke(analyse: Analyse) -> None:
    analysis = analyse('Russia\'s foreign ministry said the proposal was "unacceptable".',
                       '"Moscow will respond in kind," it said.')
    assert [q.speaker for q in analysis.quotes] == ["Russia's foreign ministry"] * 2


def test_analyse_unattributed_quoted_paragraph_continues_the_speaker(analyse: Analyse) -> None:
    analysis = analyse('"We are ready," Defence Minister Karl Berg said.',
                       'Opposition leader Ilse Manning rejected the plan. "This is reckless," she said.',
                       '"The minister is gambling with the lives of our soldiers."')
    assert [q.speaker for q in analysis.quotes] == ["Karl Berg", "Ilse Manning", "Ilse Manning"]
    assert analysis.quotes[-1].cue is None


def test_analyse_multi_paragraph_quote(analyse: Analyse) -> None:
    analysis = analyse('Defence Minister Karl Berg said: "We have moved two brigades to the border.',
                       '"They will stay there as long as the threat remains."')
    first, second = analysis.quotes
    assert (first.speaker, second.speaker) == ("Karl Berg", "Karl Berg")
    assert first.text == "We have moved two brigades to the border."
    assert (first.kind, second.kind) == (QuoteKind.DIRECT, QuoteKind.DIRECT)


@pytest.mark.parametrize(("paragraph", "speaker", "kind", "country"), [
    ('The Kremlin said: "There is nothing to discuss."', "Kremlin", ActorKind.ORG, "RUS"),
    ('"There is nothing to discuss," the Kremlin said in a statement.', "Kremlin", ActorKind.ORG, "RUS"),
    ('Germany\'s foreign ministry said it was "deeply concerned by the escalation".',
     "Germany's foreign ministry", ActorKind.ORG, "DEU"),
    ('Moscow said the drills were "purely defensive".', "Russia", ActorKind.COUNTRY, "RUS"),
    ('The White House said it would "respond decisively" to any attack.', "White House", ActorKind.ORG, "USA"),
    ('Western leaders said the vote was "a sham".', "Western leaders", ActorKind.GROUP, "WST"),
])
def test_analyse_bodies_states_and_groups_as_speakers(analyse: Analyse, paragraph: str, speaker: str,
                                                       kind: ActorKind, country: str) -> None:
    [quote] = analyse(paragraph).quotes
    assert (quote.speaker, quote.speaker_kind, quote.speaker_country) == (speaker, kind, country)


def test_analyse_ministry_without_country_speaks_for_the_dateline(analyse: Analyse) -> None:
    [quote] = analyse('"We call on both sides to show restraint," the foreign ministry said.', place="Berlin").quotes
    assert (quote.speaker, quote.speaker_country) == ("Germany's foreign ministry", "DEU")


def test_analyse_spokesperson_of_a_seat_keeps_its_country_under_another_dateline(analyse: Analyse) -> None:
    [quote] = analyse('"Nothing has changed," White House spokesman Tom Reed told reporters.',
                      place="Beijing").quotes
    assert (quote.speaker, quote.speaker_country) == ("Tom Reed", "USA")


def test_analyse_spokeswoman_takes_the_dateline_country(analyse: Analyse) -> None:
    [quote] = analyse('"The claims are groundless," foreign ministry spokeswoman Hua Lin said.',
                      place="Beijing").quotes
    assert (quote.speaker, quote.speaker_country) == ("Hua Lin", "CHN")


def test_analyse_later_role_mention_speaks_for_the_named_person(analyse: Analyse) -> None:
    analysis = analyse('German Chancellor Heike Vogel met her French counterpart Luc Moreau in Paris.',
                       '"Europe must stand together," the German chancellor said.',
                       '"We agree entirely," Moreau said.')
    assert [(q.speaker, q.speaker_country) for q in analysis.quotes] == [("Heike Vogel", "DEU"),
                                                                         ("Luc Moreau", "FRA")]


def test_analyse_the_analyst_is_the_academic_quoted_before(analyse: Analyse) -> None:
    analysis = analyse('"This is a serious mistake," said Rina Sato, an associate professor at Kyoto University.',
                       '"Tokyo will pay a price," the analyst added.', place="Tokyo")
    # the academic belongs to the country of her university (Kyoto is in Japan), not to its government
    assert [(q.speaker, q.speaker_country) for q in analysis.quotes] == [("Rina Sato", "JPN"), ("Rina Sato", "JPN")]


@pytest.mark.parametrize("paragraph", [
    'Analysts doubt the so-called "peace dividend" will ever come.',
    'Western analysts warned of a so-called "peace dividend" that never came.',
    'The move crossed what Chinese officials call a "red line" for the region.',
    'The two states signed a "no limits" partnership in February.',
])
def test_analyse_quoted_terms_are_not_quotes(analyse: Analyse, paragraph: str) -> None:
    assert analyse(paragraph).quotes == ()


def test_analyse_negated_cue_leaves_the_quote_without_speaker(analyse: Analyse) -> None:
    analysis = analyse('Police chief Anna Kowal did not confirm that "arrests were made at the border crossing".')
    assert [(q.speaker, q.cue) for q in analysis.quotes] == [(None, None)]


def test_analyse_quote_offsets_index_the_page(analyse: Analyse) -> None:
    paragraphs = ["The talks resumed on Monday.", 'Mayor Kamala Ortiz said: "We will not back down."']
    page = " " * 20 + "\n\n".join(paragraphs)
    [quote] = analyse(*paragraphs).quotes
    assert page[quote.start:quote.end] == quote.text == "We will not back down."


def test_analyse_mentions_point_at_actor_names(analyse: Analyse) -> None:
    paragraphs = ["Chinese President Xi Jinping will visit Moscow next week, the Kremlin said."]
    page = " " * 20 + paragraphs[0]
    analysis = analyse(*paragraphs)
    by_id = {a.id: a for a in analysis.actors}
    found = {(m.text, by_id[m.actor_id].name) for m in analysis.mentions}
    # a mention spans the noun phrase up to its head, titles and article included
    assert found == {("Chinese President Xi Jinping", "Xi Jinping"), ("Moscow", "Russia"),
                     ("the Kremlin", "Kremlin")}
    assert all(page[m.start:m.end] == m.text for m in analysis.mentions)


def test_analyse_every_quote_speaker_is_an_actor_of_the_article(analyse: Analyse) -> None:
    analysis = analyse('"We are ready," Defence Minister Karl Berg said.', 'The Kremlin said: "We are too."')
    ids = {a.id for a in analysis.actors}
    assert all(q.speaker_id in ids for q in analysis.quotes)


def test_analyse_texts_are_the_paragraphs() -> None:
    article = _article(["One.", "Two."], None)
    assert analysis_texts(article) == ["One.", "Two."]


def test_analyse_a_title_in_marks_is_no_quotation(analyse: Analyse) -> None:
    analysis = analyse('Mayor Kamala Ortiz told the crowd that "Walking on the Harbour Wall" was her favourite song.',
                       '"We will not back down," Mayor Kamala Ortiz said.')
    assert _speakers(analysis) == [("We will not back down,", "Kamala Ortiz")]
