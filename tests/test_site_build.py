"""A real `mkdocs build` of the real content, with assertions on the HTML a reader gets."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from kennisbank.index import Index, load_index

from tests.conftest import ROOT, copy_content, mkdocs_build

CORPUS = Path(__file__).parent / "bad-input"


@pytest.fixture(scope="session")
def index() -> Index:
    return load_index(ROOT)


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    """Only the page content, not navigation or footer."""
    match = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
    assert match, "page has no article"
    return match.group(1)


def linked_case_slugs(html: str, index: Index) -> set[str]:
    slugs = set(re.findall(r'href="(?:\.\./)*(?:casussen/)?([a-z0-9-]+)/"', article(html)))
    return slugs & set(index.cases)


def site_with_case(tmp_path: Path, slug: str, title: str, edit: Callable[[str], str]) -> Path:
    """The real content plus one case made from an existing one (new title, then `edit`), built; the site folder."""
    root = copy_content(tmp_path / "repo")
    text = (ROOT / "cases" / "buurtmoestuin-de-akker.md").read_text(encoding="utf-8")
    text = edit(text.replace("titel: Voedselcoöperatie De Akker", f"titel: {title}"))
    (root / "cases" / f"{slug}.md").write_text(text, encoding="utf-8")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


def test_every_case_has_a_page_with_its_card(built_site: Path, index: Index) -> None:
    for case in index.cases.values():
        html = page(built_site, case.url)
        assert f"<title>{case.title.replace('&', '&amp;')} - De Coöperatieve Samenleving</title>" in html
        body = article(html)
        assert case.need.split()[0] in body
        assert "Laatst bijgewerkt" in body
        assert ("Voorbeeld</strong>" in body) == case.illustrative
        assert index.taxonomy.regions[case.region].label in body


def test_facet_pages_list_exactly_the_right_cases(built_site: Path, index: Index) -> None:
    groups = {"thema": index.by_theme, "gebied": index.by_region, "rechtsvorm": index.by_legal_form, "fase": index.by_stage}
    for facet, by_value in groups.items():
        vocabulary = {
            "thema": index.taxonomy.themes,
            "gebied": index.taxonomy.regions,
            "rechtsvorm": index.taxonomy.legal_forms,
            "fase": index.taxonomy.stages,
        }[facet]
        for key in vocabulary:
            expected = {case.slug for case in by_value.get(key, [])}
            assert linked_case_slugs(page(built_site, f"casussen/{facet}/{key}"), index) == expected, (facet, key)
    for year, cases in index.by_year.items():
        assert linked_case_slugs(page(built_site, f"casussen/jaar/{year}"), index) == {c.slug for c in cases}


def test_overview_lists_every_case(built_site: Path, index: Index) -> None:
    assert linked_case_slugs(page(built_site, "casussen"), index) == set(index.cases)


def test_navigation_never_lists_cases(built_site: Path, index: Index) -> None:
    html = page(built_site, "casussen/thema")
    nav = html.split("<article", 1)[0]
    for case in index.cases.values():
        assert f"/{case.slug}/" not in nav


def test_pages_carry_only_the_menu_a_reader_can_open_from_them(built_site: Path, index: Index) -> None:
    """On a phone every page's full menu is downloaded: a case page holds the sections, not every lesson."""
    menu = page(built_site, f"casussen/{next(iter(index.cases))}").split("<article", 1)[0]
    lesson = page(built_site, f"leren/{next(iter(index.lessons))}").split("<article", 1)[0]
    assert "Leren" in menu and "Over ons" in menu
    for key in index.lessons:
        assert f"leren/{key}/" not in menu
    module = next(iter(index.lessons)).split("/")[0]
    assert all(f"{lesson_key.split('/')[1]}/" in lesson for lesson_key in index.lessons if lesson_key.startswith(f"{module}/"))


def test_module_page_lists_lessons_in_order_with_total(built_site: Path, index: Index) -> None:
    for module in index.modules.values():
        body = article(page(built_site, module.url))
        positions = [body.index(lesson.title.replace("'", "&#39;")) for lesson in index.lessons_of(module)]
        assert positions == sorted(positions)
        assert "Totaal" in body


def test_lesson_page_shows_objectives_exercises_and_facilitator_notes(built_site: Path, index: Index) -> None:
    for lesson in index.lessons.values():
        body = article(page(built_site, lesson.url))
        assert "Leerdoelen" in body and "Oefeningen" in body and "Kernpunten" in body
        assert 'class="admonition begeleider"' in body
        for exercise in lesson.exercises:
            assert exercise.title.replace("'", "&#39;") in body


def test_home_shows_live_figures(built_site: Path, index: Index) -> None:
    body = article(page(built_site, ""))
    assert f"<td>Casussen</td>\n<td>{len(index.cases)}</td>" in body
    assert 'href="feed.xml"' in body
    assert "{{" not in body


def test_glossary_terms_become_tooltips(built_site: Path, index: Index) -> None:
    body = article(page(built_site, "begrippen"))
    for term in index.content.glossary:
        assert term.term in body
    pages = [article(page(built_site, lesson.url)) for lesson in index.lessons.values()]
    pages += [article(page(built_site, case.url)) for case in index.cases.values()]
    assert any("<abbr title=" in body for body in pages)


def test_an_added_case_appears_everywhere_it_belongs(tmp_path: Path) -> None:
    site_with_case(tmp_path, "nieuwe-proef", "Nieuwe Proefcoöperatie", lambda text: text.replace("gebied: utrecht", "gebied: zeeland"))
    index = load_index(tmp_path / "repo")
    assert "Nieuwe Proefcoöperatie" in page(tmp_path / "site", "casussen/nieuwe-proef")
    assert "nieuwe-proef" in linked_case_slugs(page(tmp_path / "site", "casussen/gebied/zeeland"), index)
    assert "nieuwe-proef" in linked_case_slugs(page(tmp_path / "site", "casussen"), index)


def test_template_code_in_a_case_renders_as_literal_text(tmp_path: Path) -> None:
    template = "\nSom: {{ 7 * 7 }} en {{ config.site_name }} en {% for x in [1,2] %}lus{% endfor %}.\n"
    site_with_case(tmp_path, "sjabloontest", "Sjabloontest", lambda text: text + template)
    body = article(page(tmp_path / "site", "casussen/sjabloontest"))
    assert "{{ 7 * 7 }}" in body and "{% for x in [1,2] %}" in body
    assert "49" not in body and "luslus" not in body


def test_a_bad_case_fails_the_build_and_keeps_the_published_site(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    shutil.copy2(ROOT / "Makefile", root / "Makefile")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("vorige versie", encoding="utf-8")
    shutil.copy2(CORPUS / "unknown-theme.md", root / "cases" / "unknown-theme.md")
    bin_dir = str(Path(sys.executable).parent)
    result = subprocess.run(["make", "build", f"BIN={bin_dir}", "STAMP="], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "cases/unknown-theme.md:" in result.stderr and "bedoel je 'energie'" in result.stderr
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "vorige versie"
    assert not (root / ".site-staging").exists() or not any((root / ".site-staging").iterdir())


def test_mkdocs_itself_refuses_invalid_content(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    shutil.copy2(CORPUS / "yes-no-boolean.md", root / "cases" / "yes-no-boolean.md")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "cases/yes-no-boolean.md:" in result.stderr and "veld 'voorbeeld'" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_contact_details_in_every_footer_come_from_the_data_file(built_site: Path) -> None:
    import yaml

    contact = yaml.safe_load((ROOT / "data" / "contact.yml").read_text(encoding="utf-8"))
    for path in [built_site / "index.html", *list((built_site / "casussen").glob("*/index.html"))[:3], built_site / "leren" / "index.html"]:
        footer = path.read_text(encoding="utf-8").split("<footer", 1)[1]
        assert contact["email_secretariaat"] in footer and contact["telefoon"] in footer and contact["adres"]["postcode"] in footer


def _toc_and_headings(html: str) -> tuple[list[str], list[str]]:
    """The page's table of contents (anchors in order) and the ids of its h2 headings."""
    toc = html[html.index('aria-label="Inhoudsopgave"') :]
    toc = toc[: toc.index("</nav>")]
    return re.findall(r'href="#([^"]+)"', toc), re.findall(r'<h2 id="([^"]+)"', article(html))


def test_a_case_page_lists_every_section_in_its_table_of_contents(built_site: Path, index: Index) -> None:
    for case in index.cases.values():
        html = page(built_site, case.url)
        toc, headings = _toc_and_headings(html)
        assert toc == headings, case.slug  # the generated card sections and the story's own, in page order
        assert len(set(headings)) == len(headings)
        assert headings[:2] == ["behoefte", "waarde"]
        if index.related.get(case.slug):
            assert headings[-1] == "verwante-casussen"


def test_story_headings_that_repeat_a_section_keep_every_anchor_unique(tmp_path: Path) -> None:
    story = "\n## Resultaten\n\nWat wij zelf meten.\n\n## Verwante casussen\n\nOnze eigen lijst.\n"
    site_with_case(tmp_path, "koppentest", "Koppentest", lambda text: text + story)
    html = page(tmp_path / "site", "casussen/koppentest")
    toc, headings = _toc_and_headings(html)
    assert toc == headings and len(set(headings)) == len(headings)
    # The contributor's own headings keep the anchors they would have anywhere; the generated ones give way.
    body = article(html)
    assert re.search(r'<h2 id="resultaten">Resultaten<a [^>]*href="#resultaten"[^>]*>¶</a></h2>\s*<p>Wat wij zelf meten', body)
    assert '<h2 id="resultaten-1">Resultaten' in body
    assert headings.index("resultaten-1") < headings.index("resultaten")


def test_sources_and_contact_become_safe_links_after_the_story(tmp_path: Path) -> None:
    extra = (
        "bronnen:\n  - titel: Jaarverslag <2024> & plannen\n    url: https://example.org/verslag?jaar=2024&deel=1\n"
        "contact:\n  naam: Els de Vries\n  email: els@example.org\n  website: https://example.org/\n"
    )
    site_with_case(tmp_path, "bronnentest", "Bronnentest", lambda text: text.replace("\n---\n", "\n" + extra + "---\n", 1))
    html = page(tmp_path / "site", "casussen/bronnentest")
    toc, headings = _toc_and_headings(html)
    assert toc == headings
    assert headings.index("bronnen") < headings.index("contact") < headings.index("verwante-casussen")
    body = article(html)
    link = '<a href="https://example.org/verslag?jaar=2024&amp;deel=1" rel="noopener noreferrer nofollow">'
    assert f"<li>{link}https://example.org/verslag?jaar=2024&amp;deel=1</a> — Jaarverslag &lt;2024&gt; &amp; plannen</li>" in body
    assert '<p>Els de Vries<br>\n<a href="mailto:els@example.org" rel="noopener noreferrer nofollow">els@example.org</a><br>' in body
    # With sources, contact, members, partners and the three parts of the story, the case is complete.
    assert '<strong class="kb-level kb-level--volledig">Volledig</strong>' in body and "Nog niet beschreven" not in body


GITHUB = "https://github.com/decooperatievesamenleving/kennisbank"


def test_a_case_card_says_how_complete_and_how_fresh_the_case_is(built_site: Path, index: Index) -> None:
    for case in index.cases.values():
        body = article(page(built_site, case.url))
        card = body[body.index('<div class="kb-card">') : body.index("</div>", body.index('<div class="kb-card">'))]
        level = case.completeness.level
        assert f'<strong class="kb-level kb-level--{level.key}">{level.label}</strong>' in card
        assert f"Nog niet beschreven: {case.completeness.missing_text}." in card
        assert '<a href="../../bijdragen/aanvullen/#wat-de-niveaus-betekenen">wat betekent dit?</a>' in card
        # The invented examples were read, not checked against an initiative: the card says so.
        assert 'Nagelezen door de redactie op <time datetime="2026-11-26">26 november 2026</time>.' in card
        assert "kb-note-oud" not in card
    aanvullen = page(built_site, "bijdragen/aanvullen")
    assert 'id="wat-de-niveaus-betekenen"' in aanvullen


def test_every_case_page_links_to_its_file_and_to_the_addition_form_and_pages_in_docs_get_materials_edit_button(built_site: Path, index: Index) -> None:
    for case in index.cases.values():
        html = page(built_site, case.url)
        assert f'<a href="{GITHUB}/edit/main/cases/{case.slug}.md">Deze casus aanpassen</a>' in article(html)
        addition = re.search(r'<a href="([^"]+)">Aanvulling doorgeven</a>', article(html))
        assert addition, case.slug
        query = parse_qs(urlsplit(unescape(addition.group(1))).query)
        assert query["template"] == ["aanvulling-op-een-casus.yml"] and query["casus"] == [f"{case.title} (cases/{case.slug}.md)"]
        assert query["ontbreekt"] == ["\n".join(f"- {part.label}" for part in case.completeness.missing)]
        assert 'rel="edit"' not in html, "a generated page has no file in docs/ to edit"
    for lesson in index.lessons.values():
        html = page(built_site, lesson.url)
        assert re.search(
            rf'<a href="{GITHUB}/edit/main/docs/leren/{lesson.module}/{lesson.slug}\.md" title="[^"]+" class="md-content__button md-icon" rel="edit">', html
        )
    for module in index.modules.values():
        assert f'href="{GITHUB}/edit/main/docs/leren/{module.slug}/index.md"' in page(built_site, module.url)
    assert "api.github.com" not in page(built_site, "") and 'class="md-source"' not in page(built_site, ""), "no repository widget that asks GitHub"


def test_the_worklist_links_each_case_to_its_page_its_file_and_a_prefilled_issue(built_site: Path, index: Index) -> None:
    html = article(page(built_site, "bijdragen/aanvullen"))
    assert "De lijst in cijfers" in html and "Verzonnen voorbeelden (16)" in html
    for case in index.cases.values():
        assert f'<a href="../../casussen/{case.slug}/">{case.title.replace("&", "&amp;")}</a>' in html
        assert f'<a href="{GITHUB}/blob/main/cases/{case.slug}.md">Bestand<span class="kb-onzichtbaar"> van ' in html
    assert '<a href="../aanvullen.csv" download>de hele lijst als CSV-bestand</a>' in html
    text = (built_site / "bijdragen" / "aanvullen.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff"), "a spreadsheet reads it as UTF-8"
    rows = text[1:].splitlines()
    assert rows[0] == '"groep","id","titel","volledigheid","ontbreekt","gecontroleerd","controle_nodig","pagina","bestand"'
    assert len(rows) == len(index.cases) + 1
