"""`kennisbank validate` refuses, first and in Dutch, every link in a story that MkDocs' strict build refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kennisbank.content.problems import ContentError
from kennisbank.index import load_index
from kennisbank.pages import story_check
from kennisbank.pages.story_check import StoryCheck, checked_index
from markdown.util import HTML_PLACEHOLDER_RE

from tests.conftest import ROOT, copy_content, mkdocs_build

BASE = (ROOT / "cases" / "buurtmoestuin-de-akker.md").read_text(encoding="utf-8").replace("titel: Voedselcoöperatie De Akker", "titel: Proef met links")
FRONT = BASE.split("\n---\n", 1)[0] + "\n---\n\n## Begin\n\n"

# (link as a contributor writes it, its address, whether the site can publish it)
LINKS = [
    ("[a](samen-oud-zorg.md)", "samen-oud-zorg.md", True),
    ("[a](./samen-oud-zorg.md)", "./samen-oud-zorg.md", True),
    ("[a](samen-oud-zorg.md 'met titel')", "samen-oud-zorg.md", True),
    ("[a](%73amen-oud-zorg.md)", "%73amen-oud-zorg.md", True),
    ("[a](samen-oud-zorg.md#hoe-het-begon)", "samen-oud-zorg.md#hoe-het-begon", True),
    ("[a](../leren/index.md)", "../leren/index.md", True),
    ("[a](../begrippen.md)", "../begrippen.md", True),
    ("[a](verkennen.md)", "verkennen.md", True),
    ("[a](thema/energie.md)", "thema/energie.md", True),
    ("[a](#begin)", "#begin", True),
    ("[a](#behoefte)", "#behoefte", True),
    ("[a](https://voorbeeld.nl/pagina)", "https://voorbeeld.nl/pagina", True),
    ("[a](mailto:info@voorbeeld.nl)", "mailto:info@voorbeeld.nl", True),
    ("<https://voorbeeld.nl>", "https://voorbeeld.nl", True),
    ("[a](samen-oud-zorgg.md)", "samen-oud-zorgg.md", False),
    ("[a](../leren/bestaat-niet.md)", "../leren/bestaat-niet.md", False),
    ("[a](bestaat-niet)", "bestaat-niet", False),
    ("[a](/casussen/)", "/casussen/", False),
    ("[a](#bestaat-niet)", "#bestaat-niet", False),
    ("[a](samen-oud-zorg.md#bestaat-niet)", "samen-oud-zorg.md#bestaat-niet", False),
    ("[a](jav&#x61;script:alert(1))", "jav&#x61;script:alert(1)", False),
    ("[a](javascript:alert(1))", "javascript:alert(1)", False),
    ("[a](JaVa&#x09;Script:alert(1))", "JaVa&#x09;Script:alert(1)", False),
    ("[a](data:text/html;base64,PHNjcmlwdD4=)", "data:text/html;base64,PHNjcmlwdD4=", False),
    ("[a][verwijzing]\n\n[verwijzing]: bestaat-ook-niet.md", "bestaat-ook-niet.md", False),
    ("[a](samen-oud-zorg.md){: href='jav&#x61;script:alert(1)' }", "jav&#x61;script:alert(1)", False),
]
MKDOCS_WARNING = re.compile(r"contains an? (?:unrecognized relative |absolute )?link '([^']*)'")


def refused(problems: list[str], url: str) -> bool:
    return any(f"link '{url}' " in problem for problem in problems)


def test_validate_refuses_first_what_the_strict_build_refuses(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    (root / "cases" / "proef-met-links.md").write_text(FRONT + "\n\n".join(link for link, _, _ in LINKS) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        checked_index(root)
    problems = [str(problem) for problem in caught.value.problems]
    assert all(problem.startswith("cases/proef-met-links.md:") for problem in problems), problems
    for link, url, publishable in LINKS:
        assert refused(problems, url) != publishable, (link, problems)
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0
    warned = set(MKDOCS_WARNING.findall(result.stderr))
    assert warned, result.stderr
    for url in warned:
        # MkDocs shows a character reference from an attribute list as Markdown's placeholder for it.
        shown = ".+?".join(re.escape(part) for part in HTML_PLACEHOLDER_RE.split(url)[::2])
        assert any(re.search(f"link '{shown}' ", problem) for problem in problems), (url, problems)


def test_a_published_story_passes_and_the_real_content_has_no_problems(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    (root / "cases" / "proef-met-links.md").write_text(FRONT + "\n\n".join(link for link, _, ok in LINKS if ok) + "\n", encoding="utf-8")
    checked_index(root)
    assert mkdocs_build(root, tmp_path / "site").returncode == 0


def test_plain_stories_are_judged_from_the_text_as_rendering_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_content(tmp_path / "repo")
    plain = [link for link, _, _ in LINKS if story_check._is_plain(link)]
    assert len(plain) > 10
    (root / "cases" / "proef-met-links.md").write_text(FRONT.replace("## Begin\n\n", "") + "\n\n".join(plain) + "\n", encoding="utf-8")
    index = load_index(root)
    quick = StoryCheck(index).problems()
    monkeypatch.setattr(story_check, "_is_plain", lambda story: False)  # every story rendered
    rendered = StoryCheck(index).problems()
    assert quick == rendered
    assert quick, "some of the plain links are wrong"


def test_a_removed_case_that_lessons_link_to_is_named_in_one_run_as_the_strict_build_would(tmp_path: Path) -> None:
    """Removing or renaming a case breaks the lessons that link to it: validate names every such link, with its line."""
    root = copy_content(tmp_path / "repo")
    (root / "cases" / "buurtmoestuin-de-akker.md").unlink()
    route = root / "data" / "leerroutes" / "met-de-buurt-een-cooperatie-oprichten.yml"
    route.write_text(route.read_text(encoding="utf-8").replace("casus: buurtmoestuin-de-akker", "casus: de-oude-deel"), encoding="utf-8")
    lesson = root / "docs" / "leren" / "van-waarden-naar-structuur" / "rechtsvorm-kiezen.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nZie ook [Zonnedijk](../../casussen/zonnedijk-energie.md#bestaat-niet).\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        checked_index(root)
    problems = [str(problem) for problem in caught.value.problems]
    broken = [problem for problem in problems if problem.startswith("docs/")]
    removed = "link '../../casussen/buurtmoestuin-de-akker.md' wijst naar een pagina of bestand dat niet bestaat; is de casus hernoemd of verwijderd?"
    assert len([problem for problem in broken if removed in problem]) == 5, problems
    assert all(re.match(r"docs/leren/[\w/-]+\.md:\d+: ", problem) for problem in broken), broken
    assert any("wijst naar het anker '#bestaat-niet', maar dat staat niet op de pagina van" in problem for problem in broken), broken
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "buurtmoestuin-de-akker.md" in result.stderr


def test_a_link_to_an_editors_side_file_is_a_link_to_nothing(tmp_path: Path) -> None:
    """Side files (`.x.md`, `x.md~`) are never published, so a story or a lesson that links to one links to nothing."""
    root = copy_content(tmp_path / "repo")
    (root / "cases" / ".kladje.md").write_text(BASE, encoding="utf-8")
    (root / "docs" / "verborgen.md~").write_text("# Kladje\n", encoding="utf-8")
    (root / "cases" / "proef-met-links.md").write_text(FRONT + "[a](.kladje.md) [b](../verborgen.md~)\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        checked_index(root)
    problems = [str(problem) for problem in caught.value.problems]
    assert refused(problems, ".kladje.md") and refused(problems, "../verborgen.md~"), problems
