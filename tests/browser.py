"""Helpers for browser tests: serve a built site on localhost and drive Debian's chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from kennisbank.tools.localhost import CHROMIUM, CHROMIUM_ARGS, serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "require_chromium", "serve"]


def require_chromium() -> None:
    """In CI a missing browser is a failure; locally it skips with the install command."""
    if Path(CHROMIUM).exists() and shutil.which("chromium"):
        return
    message = "Debian's chromium ontbreekt: installeer het met 'apt-get install chromium' (of draai 'make test' als root)."
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
