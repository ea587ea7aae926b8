"""What the event coder asks of the article it reads: who a phrase, a place or a pronoun names.

The coder does not know how actors are resolved (that is the language stage's actor registry,
`dateline.language.actors.ArticleActors`, which satisfies this interface); it reads through
this small one, handed to it by the reading loop (`dateline.reading`). A lookup changes
nothing; a record keeps the actor among the article's actors, for an event's side.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Token

from dateline.model import Actor

__all__ = ["Resolver"]


class Resolver(Protocol):
    """One article's actors, as the event coder reads them."""

    def lookup(self, token: Token) -> Actor | None:
        """The actor the noun phrase headed by `token` names, recording nothing."""

    def record(self, token: Token) -> Actor | None:
        """The actor the noun phrase headed by `token` names, kept as an actor of the article."""

    def record_each(self, token: Token) -> Sequence[Actor]:
        """The actors a plural noun names one per state (`the Russian and Syrian defence
        ministries`), each kept; empty when it names no more than one."""

    def record_group(self, token: Token) -> Actor | None:
        """The group a common noun names (`police`, `Russian troops`, `protesters in Hong Kong`),
        kept as an actor of the article, when nothing more specific resolves the phrase."""

    def record_state(self, code: str) -> Actor | None:
        """The country actor of an alpha-3 code, kept as an actor of the article."""

    def place_of(self, token: Token) -> tuple[str, str | None] | None:
        """The country code and place name of a phrase naming a place, recording nothing."""

    def record_place(self, token: Token) -> tuple[Actor, str | None] | None:
        """The country actor a phrase naming a place stands for (kept), and the place's name."""

    def referent(self, token: Token, at: int) -> Actor | None:
        """The actor the pronoun `token` at page offset `at` stands for, from the article's
        coreference state."""

    def named_before(self, at: int) -> Sequence[Actor]:
        """The actors the article mentioned before page offset `at`, in reading order."""
