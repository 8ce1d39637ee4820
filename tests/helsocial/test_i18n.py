"""Swedish first: every user-facing string has a Swedish translation, and the pages say lang="sv"."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"
needs_gettext = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext (msgfmt)")


def _statistics(po: Path) -> tuple[int, int, int]:
    out = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=True
    ).stderr
    numbers = {kind: int(n) for n, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", out)}
    return numbers.get("translated", 0), numbers.get("fuzzy", 0), numbers.get("untranslated", 0)


def _untranslated_msgids(po: Path) -> list[str]:
    out = subprocess.run(
        ["msgattrib", "--untranslated", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return re.findall(r'^msgid "(.+)"$', out, flags=re.MULTILINE)


@needs_gettext
def test_the_committed_catalog_translates_every_message():
    translated, fuzzy, untranslated = _statistics(CATALOG)
    assert translated > 100
    assert (fuzzy, untranslated) == (0, 0), _untranslated_msgids(CATALOG)[:20]


@needs_gettext
def test_a_fresh_extraction_finds_no_string_missing_from_the_catalog(tmp_path):
    # makemessages merges into the existing catalog: anything new in code or templates shows up
    # as an untranslated entry in the copy.
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "node_modules", "__pycache__", ".hypothesis", "*.mo"
        ),
        symlinks=True,
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "sv",
            "--no-location",
            "--no-obsolete",
            "--ignore=tests",
            "--ignore=benchmarks",
            "--ignore=static/vendor",
            "--ignore=scripts",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    _translated, fuzzy, untranslated = _statistics(copy / "locale" / "sv" / "LC_MESSAGES" / "django.po")
    missing = _untranslated_msgids(copy / "locale" / "sv" / "LC_MESSAGES" / "django.po")
    assert (fuzzy, untranslated) == (0, 0), f"run scripts/messages.sh and translate: {missing[:20]}"


def test_pages_are_in_swedish_with_a_swedish_lang_attribute(client, db):
    response = client.get(reverse("login"))
    body = response.content.decode()
    assert '<html lang="sv">' in body
    assert "Logga in" in body
