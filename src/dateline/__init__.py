"""dateline: raw news pages in, a cited record of who did and said what to whom, when and where."""

__version__ = "0.1.0"
