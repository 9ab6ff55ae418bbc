"""Cases come from strangers: nothing in a case file may run code or reach readers as script."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from kennisbank.content.loader import load_content
from kennisbank.content.problems import ContentError, Problem
from playwright.sync_api import expect

from tests.conftest import ROOT, copy_content, mkdocs_build

BASE = (ROOT / "cases" / "buurtmoestuin-de-akker.md").read_text(encoding="utf-8").replace("titel: Voedselcoöperatie De Akker", "titel: Vijandige proefcasus")

HOSTILE_BODY = """
## Aanval

<script>alert('script')</script>
<iframe src="https://evil.example/"></iframe>
<style>body { display: none }</style>
<form action="https://evil.example/"><input name="wachtwoord"></form>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<p onclick="alert('klik')">klik hier</p>
<a href="javascript:alert('js')">js</a>
<a href="JaVaScRiPt:alert('gemengd')">gemengd</a>
<a href="&#106;avascript:alert('entiteit')">entiteit</a>
<a href="jav&#x09;ascript:alert('tab')">tab</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>
<svg onload="alert('svg')"><circle r="1"/></svg>
<object data="https://evil.example/x.swf"></object>
<embed src="https://evil.example/x.swf">

[markdown-js](javascript:alert('md'))

[attr-list](https://voorbeeld.nl){: onclick="alert('attr')" onmouseover="alert('over')" }

Een alinea met attributen.
{: onmouseover="alert('alinea')" style="position:fixed" }

## Het menu {#__drawer}

<div id="__search" class="md-search md-overlay">zoekveld</div>
<p id="&#95;&#95;toc">inhoud</p>
<span id="kb-search-results">resultaten</span>
<p id="aanval">dubbel anker</p>
<p id="behoefte">het anker van een gemaakt onderdeel</p>

Een alinea die het menu wil zijn.
{: #__nav_1 .md-nav }
"""

FORBIDDEN = re.compile(
    r"<script|<iframe|<style|<form|<input|<meta|<svg|<object|<embed|\son[a-z]+\s*=|javascript:|data:text|position:fixed|evil\.example",
    re.IGNORECASE,
)


def article(html: str) -> str:
    match = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
    assert match
    return match.group(1)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site with one hostile case, built as `make build` builds it."""
    root = copy_content(tmp_path_factory.mktemp("repo"))
    (root / "cases" / "vijandig.md").write_text(BASE + HOSTILE_BODY, encoding="utf-8")
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    return site


def test_hostile_html_in_a_case_is_rendered_inert(hostile_site: Path) -> None:
    body = article((hostile_site / "casussen" / "vijandig" / "index.html").read_text(encoding="utf-8"))
    assert "klik hier" in body and "Een alinea met attributen." in body
    assert FORBIDDEN.findall(body) == []
    assert 'href="https://voorbeeld.nl"' in body


def test_contributed_ids_and_classes_never_clash_with_the_theme(hostile_site: Path) -> None:
    html = (hostile_site / "casussen" / "vijandig" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]*)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    body = article(html)
    assert [i for i in re.findall(r'\sid="([^"]*)"', body) if i.startswith(("__", "kb-"))] == []
    assert re.findall(r'class="[^"]*\b(?:md|kb)-(?:search|overlay|nav)\b', body) == []
    assert "zoekveld" in body and "dubbel anker" in body and "Een alinea die het menu wil zijn." in body  # the text stays


def test_every_id_the_theme_uses_is_one_contributors_cannot_use(built_site: Path) -> None:
    """The sanitizer's reserved prefixes cover every id outside the content of every page of the real site."""
    from kennisbank.sanitize import is_reserved_id

    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        outside = re.sub(r"<article.*</article>", "", html, flags=re.S)
        assert [i for i in re.findall(r'\sid="([^"]*)"', outside) if not is_reserved_id(i)] == [], page


@pytest.mark.browser
def test_menu_and_search_still_work_on_a_hostile_page(hostile_site: Path, chromium: Any) -> None:
    from tests.browser import serve
    from tests.site_pages import VIEWPORTS, screenshot, search_from_header

    with serve(hostile_site) as url:
        page = chromium.new_page(viewport=VIEWPORTS["mobiel"])
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "casussen/vijandig/")
        page.locator('label.md-header__button[for="__drawer"]').click()
        # Material slides the drawer in; look once it has arrived.
        page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
        expect(page.locator(".md-nav--primary")).to_be_in_viewport()
        assert page.evaluate("document.getElementById('__drawer').checked")
        screenshot(page, "vijandige-ids-menu", full_page=False)
        page.keyboard.press("Escape")
        page.goto(url + "casussen/vijandig/")
        links = search_from_header(page, "Vijandige")
        expect(links.first).to_have_attribute("href", re.compile(r"casussen/vijandig/$"))
        screenshot(page, "vijandige-ids-zoeken", full_page=False)
        assert errors == []
        page.close()


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return caught.value.problems


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("![](foto.png)", "geen beschrijving (alt-tekst)"),
        ("![Een foto](https://evil.example/pixel.png)", "staat op een andere website"),
        ("![Een foto](//evil.example/pixel.png)", "staat op een andere website"),
        ("![Een foto](../../etc/passwd.png)", "bestaat niet in cases/"),
        ('<img src="foto.png" alt="x">', "gebruik geen HTML voor afbeeldingen"),
        ("# Tweede titel", "kop met één '#'"),
        ("![Een foto][extern]\n\n[extern]: https://evil.example/pixel.png", "niet met een verwijzing"),
    ],
)
def test_case_body_rules(body: str, expected: str, tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    (root / "cases" / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    (root / "cases" / "beeld.md").write_text(BASE + "\nTekst.\n\n" + body + "\n", encoding="utf-8")
    problems = problems_of(root)
    assert [p.path for p in problems] == ["cases/beeld.md"], [str(p) for p in problems]
    assert expected in problems[0].message
    assert problems[0].line == BASE.count("\n") + 4


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("aanval.svg", b"<svg onload='alert(1)'/>", "alleen casussen (.md) en afbeeldingen"),
        ("script.js", b"alert(1)", "alleen casussen (.md) en afbeeldingen"),
        ("nep.png", b"<html>geen plaatje</html>", "geen echte PNG-afbeelding"),
        ("groot.jpg", b"\xff\xd8\xff" + b"\x00" * 1_100_000, "de grens is 1000 kB"),
    ],
)
def test_only_small_real_images_may_sit_beside_cases(name: str, content: bytes, expected: str, tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    (root / "cases" / name).write_bytes(content)
    problems = problems_of(root)
    assert [p.path for p in problems] == [f"cases/{name}"]
    assert expected in problems[0].message


def test_a_folder_in_cases_is_refused(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    (root / "cases" / "afbeeldingen").mkdir()
    assert "mappen zijn niet toegestaan" in problems_of(root)[0].message


def test_an_image_beside_a_case_is_published_with_its_alt_text(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6300010000050001" + "0d0a2db40000000049454e44ae426082"
    )
    (root / "cases" / "akker.png").write_bytes(png)
    (root / "cases" / "met-foto.md").write_text(
        BASE.replace("Vijandige proefcasus", "Casus met foto") + "\n![De akker in de zomer](akker.png)\n", encoding="utf-8"
    )
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    body = article((tmp_path / "site" / "casussen" / "met-foto" / "index.html").read_text(encoding="utf-8"))
    assert '<img alt="De akker in de zomer" src="../akker.png"' in body
    assert (tmp_path / "site" / "casussen" / "akker.png").read_bytes() == png


def test_sanitizer_drops_remote_image_sources() -> None:
    from kennisbank.sanitize import sanitize_html

    html = sanitize_html('<p><img alt="a" src="https://evil.example/p.png"><img alt="b" src="//evil.example/p.png"><img alt="c" src="foto.png"></p>')
    assert "evil.example" not in html
    assert 'src="foto.png"' in html
    # What a browser reads as '//evil.example/…' too: a backslash is a slash, a tab or newline is dropped, <image> is <img>.
    hidden = ['<img alt="d" src="/\\evil.example/p.png">', '<img alt="e" src="/&#9;/evil.example/p.png">', '<image alt="f" src=" /\n/evil.example/p.png">']
    assert "evil.example" not in sanitize_html("<p>" + "".join(hidden) + "</p>")


def test_links_and_other_files_in_cases_are_never_followed(tmp_path: Path) -> None:
    """A link could point at any file on the machine (its first line would end up in a message or the site), or at one that never ends."""
    root = copy_content(tmp_path / "repo")
    cases = root / "cases"
    (cases / "wachtwoorden.md").symlink_to("/etc/passwd")
    (cases / "eindeloos.md").symlink_to("/dev/zero")
    (cases / "weg.md").symlink_to(cases / "bestaat-niet.md")
    elsewhere = tmp_path / "elders.png"
    elsewhere.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (cases / "foto.png").symlink_to(elsewhere)
    (cases / "map.md").mkdir()
    (cases / "Hoofdletters.MD").write_text("---\ntitel: x\n---\n", encoding="utf-8")
    problems = {p.path: p.message for p in problems_of(root)}
    for name in ("wachtwoorden.md", "eindeloos.md", "weg.md"):
        assert "snelkoppeling (symlink)" in problems[f"cases/{name}"]
    assert "snelkoppelingen (symlinks) zijn niet toegestaan" in problems["cases/foto.png"]
    assert "geen gewoon bestand" in problems["cases/map.md"]
    assert "schrijf de extensie in kleine letters (Hoofdletters.md)" in problems["cases/Hoofdletters.MD"]
    assert "root:" not in "".join(problems.values())


def story_at_the_limits() -> str:
    """A story that reaches every limit of `story_limits` at once, padded to near the size limit: it must still render."""
    from kennisbank.content import story_limits as limits

    parts = [
        "".join("    " * level + "- een punt\n" for level in range(limits.MAX_BLOCK_DEPTH)),
        "> " * limits.MAX_BLOCK_DEPTH + "een citaat\n",
        "<div>" * limits.MAX_HTML_DEPTH + "diep" + "</div>" * limits.MAX_HTML_DEPTH + "\n",
        "[" * limits.MAX_OPEN_BRACKETS + "haakjes" + "]" * limits.MAX_OPEN_BRACKETS + " en " + "<b " * limits.MAX_OPEN_TAGS + "\n",
        "*" * (limits.MAX_EMPHASIS_MARKS // 2) + "nadruk" + "*" * (limits.MAX_EMPHASIS_MARKS // 2) + "\n",
        *(f"## Deel {n}\n\nEen alinea met een voetnoot[^{n}].\n" for n in range(1, limits.MAX_HEADINGS + 1)),
        *(f"```\ncode {n}\n```\n" for n in range(1, limits.MAX_CODE_BLOCKS + 1)),
        *(f"[^{n}]: Bron {n}.\n" for n in range(1, limits.MAX_FOOTNOTES + 1)),
    ]
    story = "\n".join(parts)
    filler = "Een gewone zin over de coöperatie en haar leden. " * 20 + "\n\n"
    return story + "\n" + filler * ((90_000 - len(story.encode())) // len(filler.encode()))


def test_a_story_at_every_limit_builds_and_prints(tmp_path: Path) -> None:
    from kennisbank.content.model import PDF_DIR, workbook_path
    from kennisbank.index import load_index
    from kennisbank.pdf.build import build_pdfs

    root = copy_content(tmp_path / "repo")
    front = BASE.split("\n---\n", 1)[0].replace("Vijandige proefcasus", "Casus op de grenzen")
    (root / "cases" / "op-de-grenzen.md").write_text(front + "\n---\n\n" + story_at_the_limits(), encoding="utf-8")
    index = load_index(root)
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "casussen" / "op-de-grenzen" / "index.html").read_text(encoding="utf-8")
    assert "Deel 50" in page and "diep" in page
    module = index.cases["op-de-grenzen"].learning[0].split("/")[0]
    build_pdfs(index, tmp_path / "site", site_url="https://decooperatievesamenleving.nl/", workers=1, only={module, "op-de-grenzen"})
    assert (tmp_path / "site" / PDF_DIR / "casussen" / "op-de-grenzen.pdf").is_file()
    workbook = subprocess.run(["pdftotext", str(tmp_path / "site" / workbook_path(module)), "-"], capture_output=True, text=True, check=True).stdout
    assert "Casus op de grenzen" in workbook and "Deel 50" in workbook, "the story is printed in the workbook's appendix"


def test_sanitizer_drops_theme_names_and_repeated_ids() -> None:
    from kennisbank.sanitize import sanitize_html

    html = sanitize_html(
        '<span id="kop">eerst</span><h2 id="kop">Kop</h2><p id="kop">weer</p><h2 id="kop">nog een kop</h2>'
        '<div id="__drawer" class="md-header admonition kb-x">menu</div><p id="kb-search-results">zoeken</p><p id="&#95;&#95;toc">toc</p>'
    )
    assert html == ('<span>eerst</span><h2 id="kop">Kop</h2><p>weer</p><h2>nog een kop</h2><div class="admonition">menu</div><p>zoeken</p><p>toc</p>')
