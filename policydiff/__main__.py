"""`python -m policydiff` and the `policydiff` console script.

The CLI is the top-level cli.py of the repository. The wheel carries it as policydiff/cli.py (a file
mapping in pyproject.toml), so an install creates no global module named `cli`; a source checkout or
editable install loads it from beside the package.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def _cli() -> ModuleType:
    cli: ModuleType
    try:
        cli = importlib.import_module("policydiff.cli")  # present in the wheel only
    except ImportError:
        path = Path(__file__).resolve().parent.parent / "cli.py"
        spec = importlib.util.spec_from_file_location("policydiff.cli", path)
        if spec is None or spec.loader is None or not path.is_file():
            sys.exit(f"policydiff: error: the command-line module is missing ({path})")
        cli = importlib.util.module_from_spec(spec)
        sys.modules["policydiff.cli"] = cli
        spec.loader.exec_module(cli)
    return cli


def main() -> None:
    _cli().main()


if __name__ == "__main__":
    main()
