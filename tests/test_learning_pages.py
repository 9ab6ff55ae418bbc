"""Check jezelf, progress and learning routes in the HTML of the real built site."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from kennisbank.index import Index, load_index
from kennisbank.pages.parts import html_url
from kennisbank.search.documents import page_kind

from tests.conftest import ROOT
from tests.test_site_build import article, page


@pytest.fixture(scope="module")
def index() -> Index:
    return load_index(ROOT)


class _Elements(HTMLParser):
    """Start tags with their attributes, and the text of the page, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_every_lesson_asks_its_questions_in_fieldsets_and_answers_them_in_a_closed_list(built_site: Path, index: Index) -> None:
    for lesson in index.lessons.values():
        body = article(page(built_site, lesson.url))
        assert '<h2 id="check-jezelf">Check jezelf' in body, lesson.key
        quiz, _, rest = body.partition('<details class="kb-antwoorden"')
        answers = rest.split("</details>", 1)[0]
        assert "<details" not in answers and " open" not in answers.split(">", 1)[0], lesson.key
        tags = elements(quiz).tags
        assert sum(tag == "fieldset" for tag, _ in tags) == len(lesson.quiz), lesson.key
        for number, question in enumerate(lesson.quiz, start=1):
            kind = "checkbox" if sum(answer.correct for answer in question.answers) > 1 else "radio"
            inputs = [attrs for tag, attrs in tags if tag == "input" and attrs.get("name") == f"kb-vraag-{number}"]
            assert [attrs["type"] for attrs in inputs] == [kind] * len(question.answers), (lesson.key, number)
            legend = re.search(rf'data-kb-vraag="{number}".*?<legend[^>]*>(.*?)</legend>', quiz, re.S)
            assert legend and question.question in plain(legend.group(1)), (lesson.key, number)
            for position, answer in enumerate(question.answers, start=1):
                item = re.search(rf'<li data-kb-antwoord="{number}-{position}" data-kb-juist="(ja|nee)">(.*?)</li>', answers, re.S)
                assert item, (lesson.key, number, position)
                assert item.group(1) == ("ja" if answer.correct else "nee")
                assert answer.text in plain(item.group(2)) and answer.explanation in plain(item.group(2)), (lesson.key, answer.text)
                assert answer.explanation not in plain(quiz), "an explanation is only in the closed list"
        buttons = [attrs for tag, attrs in tags if tag == "button"]
        assert len(buttons) == len(lesson.quiz) and all("hidden" in attrs for attrs in buttons), "without JavaScript there is nothing to press"
        assert [attrs.get("role") for tag, attrs in tags if "data-kb-uitkomst" in attrs] == ["status"] * len(lesson.quiz)
        switch = re.search(r'<input type="checkbox" role="switch"[^>]*data-kb-gedaan="([^"]+)"', body)
        assert switch and switch.group(1) == f"les:{lesson.key}", lesson.key


def test_module_pages_count_their_lessons_and_mark_them_in_their_list(built_site: Path, index: Index) -> None:
    for module in index.modules.values():
        body = article(page(built_site, module.url))
        keys = " ".join(f"les:{lesson.key}" for lesson in index.lessons_of(module))
        assert f'data-kb-voortgang="{keys}" data-kb-wat="lessen" hidden data-pagefind-ignore>' in body, module.slug
        assert f"0 van {len(module.lesson_slugs)} lessen gedaan" in body
        marks = re.findall(r'data-kb-merk="les:([^"]+)"', body)
        assert marks == [lesson.key for lesson in index.lessons_of(module)]


def resolve(built_site: Path, from_url: str, href: str) -> Path:
    """The file a relative link on the page at `from_url` leads to in the built site."""
    path = urlsplit(urljoin(f"http://site/{from_url}", href)).path.lstrip("/")
    target = built_site / path
    return target / "index.html" if path.endswith("/") or path == "" else target


def test_every_route_has_a_page_with_its_steps_in_order_each_leading_somewhere_real(built_site: Path, index: Index) -> None:
    assert len(index.routes) >= 4
    for route in index.routes.values():
        body = article(page(built_site, route.url))
        assert route.title in unescape(body) and route.intro.split(".")[0] in plain(body), route.slug
        steps = re.findall(r'<li class="kb-stap">(.*?)</li>', body, re.S)
        assert len(steps) == len(route.steps), route.slug
        keys = re.search(r'id="kb-voortgang-route"', body) and re.search(r'data-kb-voortgang="([^"]+)" data-kb-wat="stappen"', body)
        assert keys, route.slug
        assert len(keys.group(1).split()) == len(route.steps)
        for number, (step, html) in enumerate(zip(route.steps, steps, strict=True), start=1):
            assert step.why in plain(html), (route.slug, number)
            href = re.search(r'<a href="([^"]+)"', html)
            assert href, (route.slug, number)
            target = resolve(built_site, route.url, unescape(href.group(1)).split("#")[0])
            if step.kind.startswith("werkboek"):
                assert target.suffix == ".pdf" and target.parent.name == "pdf", href.group(1)
                assert target.is_file(), f"{route.slug}: het werkboek {href.group(1)} bestaat niet"
            else:
                assert target.is_file(), f"{route.slug}: stap {number} wijst naar {href.group(1)}, dat niet bestaat"
            if step.kind == "begrip":
                anchor = href.group(1).split("#", 1)[1]
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8")
            assert 'role="switch"' in html and f'id="kb-stap-{number}"' in html
        assert page_kind(route.url, index) == "leerroute"


def test_routes_are_listed_on_leren_the_home_page_and_their_overview(built_site: Path, index: Index) -> None:
    for url in ("", "leren/", "leren/leerroutes/", "leren/voortgang/"):
        body = article(page(built_site, url))
        for route in index.routes.values():
            assert f'<a href="{html_url(url, route.url)}">' in body, (url, route.slug)
            assert f'id="kb-voortgang-route-{route.slug}"' in body


def test_the_menu_offers_routes_and_progress_but_never_each_route(built_site: Path, index: Index) -> None:
    """Like cases, routes are listed on their overview, not on every page's menu."""
    lesson = next(iter(index.lessons.values()))
    for url in ("", lesson.url, "leren/", next(iter(index.routes.values())).url, "casussen/"):
        menu = page(built_site, url).split("<body", 1)[1].split("<article", 1)[0]
        for route in index.routes.values():
            assert f"leerroutes/{route.slug}/" not in menu, (url, route.slug)
    menu = plain(page(built_site, lesson.url).split("<article", 1)[0])
    assert "Leerroutes" in menu and "Je voortgang" in menu


def test_the_progress_page_explains_what_is_kept_and_offers_export_import_and_reset(built_site: Path) -> None:
    body = article(page(built_site, "leren/voortgang/"))
    text = plain(body)
    assert "kennisbank-voortgang-v1" in text and "Er wordt niets verstuurd" in text and "geen cookies" in text
    tags = elements(body).tags
    assert any(tag == "input" and attrs.get("type") == "file" and attrs.get("id") == "kb-bestand" for tag, attrs in tags)
    assert any(tag == "label" and attrs.get("for") == "kb-bestand" for tag, attrs in tags)
    for action in ("data-kb-exporteer", "data-kb-importeer", "data-kb-wis"):
        assert any(tag == "button" and action in attrs for tag, attrs in tags), action
    assert "data-kb-beheer hidden" in body, "the controls need JavaScript and show only with it"
