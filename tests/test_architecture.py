"""The floors of docs/architecture.md hold: import-linter checks the contracts in pyproject.toml.

An app imports only from the floors below it (metrics > moderation > calendar_booking > platforms >
accounts), helsocial's shared pieces know no domain app, and no package's modules import each other
in a cycle. A new upward import or cycle fails here with import-linter's own explanation.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LINT = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))"
)


def test_imports_run_down_the_floors_only():
    # A process of its own: import-linter reads the source and must not see this process's imports.
    result = subprocess.run(
        [sys.executable, "-c", LINT], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"lint-imports failed:\n{result.stdout}\n{result.stderr}"
    assert "0 broken" in result.stdout
