"""Inputs: find files, read and decode them, and run them through extraction into the store."""

from dateline.ingest.run import IngestReport, ingest

__all__ = ["IngestReport", "ingest"]
