"""The version, in one place: pyproject.toml reads it (hatch), `policydiff --version` prints it."""

__version__ = "0.2.0.dev0"
