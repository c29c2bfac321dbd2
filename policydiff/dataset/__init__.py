"""The corpus layer: many plans into one dataset (export), loaded back as tables or data frames, and
each plan's relatives found. It imports the one-document pipeline; the pipeline never imports it."""

from __future__ import annotations

from .build import ExportSummary, Failure, export
from .frames import load, load_rows
from .related import closest
from .tables import TABLES

__all__ = ["TABLES", "ExportSummary", "Failure", "closest", "export", "load", "load_rows"]
