"""The map "Waar zijn de initiatieven?": an SVG of the Netherlands with a mark per region that has cases.

Made at build time from the page's `RegionMap` record, as escaped HTML that
works without JavaScript and asks nothing of other hosts. It aggregates:
a mark per region with its count, so the map is as large at 10,000 cases as
at 16. Each mark, and each line of the list beside it (the text
alternative), links to the case browser filtered on that region.
"""

from __future__ import annotations

import math
from html import escape

from ..content.geography import Outline
from .inputs import RegionMap
from .parts import html_url

BROWSER_URL = "casussen/verkennen/"
WIDTH = 400  # of the land, in the SVG's own units; the page scales the whole picture
PADDING = 26  # room around the land for marks and labels on the coast
SMALLEST, LARGEST = 10.0, 22.0  # radius of the mark with the fewest and the most cases
LABEL_SIZE = 13  # font size of a region's name, in SVG units
CHAR_WIDTH = 0.56  # a name's estimated width per letter, as a share of its font size
LABEL_GAP = 3
MIN_STEP = 0.8  # outline points closer than this to the previous one are left out: invisible at this size

Box = tuple[float, float, float, float]  # left, top, right, bottom, in SVG units


class _Projection:
    """Longitude and latitude to SVG units: an equirectangular projection, true to scale in the middle of the country."""

    def __init__(self, outline: Outline) -> None:
        self.west, south, east, self.north = outline.bounds()
        self.squeeze = math.cos(math.radians((south + self.north) / 2))
        self.scale = WIDTH / ((east - self.west) * self.squeeze)
        self.height = (self.north - south) * self.scale

    def point(self, latitude: float, longitude: float) -> tuple[float, float]:
        return PADDING + (longitude - self.west) * self.squeeze * self.scale, PADDING + (self.north - latitude) * self.scale


def _land(outline: Outline, projection: _Projection) -> str:
    """The outline as one SVG path."""
    rings = []
    for ring in outline.rings:
        kept: list[tuple[float, float]] = []
        for longitude, latitude in ring:
            x, y = projection.point(latitude, longitude)
            if not kept or math.dist(kept[-1], (x, y)) >= MIN_STEP:
                kept.append((x, y))
        rings.append("M" + " ".join(f"{x:.1f} {y:.1f}" for x, y in kept) + "Z")
    return "".join(rings)


def _number(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def _cases(count: int) -> str:
    return f"{_number(count)} {'casus' if count == 1 else 'casussen'}"


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _cost(box: Box, others: list[Box], picture: Box) -> float:
    """How much of other marks and names a label would cover, and how much of it would fall off the picture (weighing more)."""
    outside = (box[2] - box[0]) * (box[3] - box[1]) - _overlap(box, picture)
    return sum(_overlap(box, other) for other in others) + 10 * outside


def _label_places(marks: list[tuple[float, float, float, str]], width: float, height: float) -> list[tuple[float, float, str]]:
    """Where each mark's name goes (x, y, text-anchor): right, left, above or below its mark, whichever covers the least of
    the other marks, the names placed so far and the picture's edge. A handful of regions, so trying every side is cheap."""
    circles = [(x - r, y - r, x + r, y + r) for x, y, r, _ in marks]
    placed: list[Box] = []
    places = []
    for number, (x, y, r, name) in enumerate(marks):
        text = len(name) * LABEL_SIZE * CHAR_WIDTH
        half = LABEL_SIZE / 2 + 1
        options = [
            ((x + r + LABEL_GAP, y - half, x + r + LABEL_GAP + text, y + half), (x + r + LABEL_GAP, y, "start")),
            ((x - r - LABEL_GAP - text, y - half, x - r - LABEL_GAP, y + half), (x - r - LABEL_GAP, y, "end")),
            ((x - text / 2, y - r - LABEL_GAP - 2 * half, x + text / 2, y - r - LABEL_GAP), (x, y - r - LABEL_GAP - half, "middle")),
            ((x - text / 2, y + r + LABEL_GAP, x + text / 2, y + r + LABEL_GAP + 2 * half), (x, y + r + LABEL_GAP + half, "middle")),
        ]
        others = [c for n, c in enumerate(circles) if n != number] + placed
        costs = [_cost(option, others, (0, 0, width, height)) for option, _ in options]
        box, place = options[costs.index(min(costs))]
        placed.append(box)
        places.append(place)
    return places


def region_map_html(page_url: str, region_map: RegionMap) -> str:
    """The map and its list of regions, linked from the page at `page_url`; one HTML block without blank lines."""
    browser = html_url(page_url, BROWSER_URL)
    if not region_map.regions:
        return "<p>Er zijn nog geen casussen om op de kaart te zetten.</p>\n"
    projection = _Projection(region_map.outline)
    width, height = WIDTH + 2 * PADDING, projection.height + 2 * PADDING
    most = max(region.cases for region in region_map.regions)
    regions = sorted(region_map.regions, key=lambda r: -r.cases)  # the largest first, so smaller marks stay on top
    marks = []
    for region in regions:
        x, y = projection.point(*region.position)
        marks.append((x, y, SMALLEST + (LARGEST - SMALLEST) * math.sqrt(region.cases / most), region.label))
    drawn = []
    for region, (x, y, radius, _), (label_x, label_y, anchor) in zip(regions, marks, _label_places(marks, width, height), strict=True):
        href = escape(f"{browser}?gebied={region.key}")
        name = f"{region.label}: {_cases(region.cases)}"
        drawn.append(
            f'<a class="kb-kaart__plek" href="{href}"><title>{escape(name)}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>'
            # The title names the link ("Utrecht: 2 casussen") and shows as a tooltip; the name is drawn before the count.
            f'<text class="kb-kaart__naam" x="{label_x:.1f}" y="{label_y:.1f}" text-anchor="{anchor}">{escape(region.label)}</text>'
            f'<text class="kb-kaart__aantal" x="{x:.1f}" y="{y:.1f}">{_number(region.cases)}</text></a>'
        )
    svg = (
        f'<svg class="kb-kaart__beeld" viewBox="0 0 {width:.0f} {height:.0f}" role="group" aria-labelledby="kb-kaart-uitleg">'
        f'<path class="kb-kaart__land" aria-hidden="true" d="{_land(region_map.outline, projection)}"/>' + "".join(drawn) + "</svg>"
    )
    items = "".join(f'<li><a href="{escape(f"{browser}?gebied={r.key}")}">{escape(r.label)}</a> ({_cases(r.cases)})</li>' for r in region_map.regions)
    caption = (
        '<figcaption><p id="kb-kaart-uitleg">Kaart van Nederland met het aantal casussen per gebied. '
        "Kies een gebied om de casussen daar te bekijken.</p>"
        f'<ul class="kb-kaart__lijst">{items}</ul></figcaption>'
    )
    return f'<figure class="kb-kaart" data-pagefind-ignore>{svg}{caption}</figure>\n'
