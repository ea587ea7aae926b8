"""One coreference state per article, asked by quotations (speech subjects) and events (sides)."""

from __future__ import annotations

from dateline.language.actors import ArticleActors
from dateline.language.gazetteer import load_gazetteer
from dateline.language.nlp import load_nlp
from dateline.language.persons import find_persons


def test_coreference_one_state_answers_quotations_and_events() -> None:
    gaz = load_gazetteer()
    doc = load_nlp()("Ines Valdur met the envoy on Monday. She said the talks went well.")
    registry = ArticleActors(gaz, "article-coref")
    for person in find_persons(doc, gaz):
        registry.add_person(person, doc_key=id(doc))
    valdur = registry.record(next(t for t in doc if t.text == "Valdur"))
    assert valdur is not None
    registry.coreference.note_mention(doc[0].idx, valdur)
    she = next(t for t in doc if t.text == "She")
    # an event's side: the last person named before the pronoun
    assert registry.referent(she, she.idx) == valdur
    assert registry.named_before(she.idx) == [valdur]
    assert registry.named_before(doc[0].idx) == []
    # a speech subject: the last person who spoke or was a main subject, none yet
    assert registry.lookup(she) is None
    registry.coreference.note_subject(valdur)
    found = registry.lookup(she)
    assert found is not None and found.id == valdur.id
