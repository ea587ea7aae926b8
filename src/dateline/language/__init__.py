"""Sentence-level language analysis: time expressions, tense and the like, each a pure module."""
