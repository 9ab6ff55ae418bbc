"""Finishing a page after MkDocs rendered its Markdown: what the adapter's `on_page_content` asks for.

A case's story is sanitized first (it comes from a stranger); then the
page's generated sections go around the rendered Markdown, and glossary
terms get their explanation, on every page but the glossary itself.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import replace

from ..sanitize import sanitize_html
from .case_page import case_parts
from .glossary_terms import GlossaryMarker
from .inputs import GLOSSARY, CasePage, LearningPage, ListPage, PageInputs, RoutePage, WorklistPage
from .lesson_page import learning_parts
from .overviews import list_parts
from .parts import AssembledPage, PageParts, assemble
from .route_page import route_parts
from .worklist_page import worklist_parts


def page_parts(inputs: PageInputs) -> PageParts:
    """The generated sections of a page, from its record."""
    if isinstance(inputs, CasePage):
        return case_parts(inputs)
    if isinstance(inputs, ListPage):
        return list_parts(inputs)
    if isinstance(inputs, LearningPage):
        return learning_parts(inputs)
    if isinstance(inputs, WorklistPage):
        return worklist_parts(inputs)
    if isinstance(inputs, RoutePage):
        return route_parts(inputs)
    return PageParts()


def finish(src_uri: str, rendered: str, inputs: PageInputs, marker: GlossaryMarker, taken_anchors: Set[str], permalink_title: str) -> AssembledPage:
    """The page as readers get it; `taken_anchors` are the ids the rendered Markdown already uses."""
    content = sanitize_html(rendered) if isinstance(inputs, CasePage) else rendered
    page = assemble(content, page_parts(inputs), taken_anchors, permalink_title)
    return page if src_uri == GLOSSARY else replace(page, content=marker.mark(page.content))
