"""The one exception family of the library: every message says what went wrong and what to do."""

from __future__ import annotations


class PolicyDiffError(Exception):
    """Base of every error the library raises on purpose; the CLI prints it as one line, exit 2."""


class InputError(PolicyDiffError):
    """The input cannot be read as a plan: missing, a directory, empty, binary, undecodable, too big."""


class NoStructureError(PolicyDiffError):
    """The text decoded fine but holds no numbered measures (raised by the CLI's checks, not by parse)."""
