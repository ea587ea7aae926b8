"""The `dateline` command line: thin wrappers over the library, one per function.

Exit status: 0 when everything asked for was done, 1 when some input failed or a record was not
found, 2 for usage errors (bad options or an invalid filter).
"""

from __future__ import annotations

import click

from dateline.cli._common import ARTICLE_FIELDS, SOURCE_FIELDS
from dateline.cli.corpus import articles_cmd, ingest_cmd, show_cmd, sources_cmd
from dateline.cli.events import EVENT_FIELDS, events_cmd, timeline_cmd
from dateline.cli.export import export_cmd
from dateline.cli.language import ACTOR_FIELDS, QUOTE_FIELDS, actors_cmd, analyse_cmd, quotes_cmd
from dateline.cli.scale import import_cmd, spark_group
from dateline.cli.serve import serve_cmd

__all__ = ["ACTOR_FIELDS", "ARTICLE_FIELDS", "EVENT_FIELDS", "QUOTE_FIELDS", "SOURCE_FIELDS", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="dateline")
def main() -> None:
    """dateline: raw news pages in, a cited record of who did and said what, to whom, when and where.

    \b
    Example:
      dateline ingest examples/corpus --db news.db
      dateline articles --db news.db --kind main --search ceasefire
    """


for _command in (ingest_cmd, analyse_cmd, sources_cmd, articles_cmd, show_cmd, quotes_cmd, actors_cmd,
                 events_cmd, timeline_cmd, export_cmd, serve_cmd, spark_group, import_cmd):
    main.add_command(_command)
