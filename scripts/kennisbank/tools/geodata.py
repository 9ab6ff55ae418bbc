"""Derive the outline of the Netherlands that the site's map and the region check use, from Natural Earth.

Run it only when the source changes:

    python -m kennisbank.tools.geodata tests/node/node_modules/world-atlas/countries-10m.json data/kaart/nederland.json

The source is Natural Earth's 1:10m country boundaries (public domain) as
TopoJSON in the npm package world-atlas (ISC licence), pinned in
tests/node/package.json. This keeps the European part of the Netherlands
(the Caribbean islands lie far outside the map) as plain rings of
longitude and latitude, rounded to about 100 metres, so the build reads it
with nothing but `json`. A test derives the file again and compares.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

NETHERLANDS = "528"  # ISO 3166-1 numeric code, the id world-atlas gives each country
# The European Netherlands lies within these longitudes and latitudes; the Caribbean parts do not.
EUROPE = ((3.0, 50.5), (7.5, 54.0))
DECIMALS = 3
SOURCE = "Natural Earth 1:10m Admin 0 – Countries (versie 4.1.0), uit het npm-pakket world-atlas 2.0.2 (countries-10m.json)"
LICENCE = "Natural Earth: publiek domein. world-atlas: ISC-licentie, Copyright 2013-2019 Michael Bostock (zie LICENSE-world-atlas.txt)."


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs as (longitude, latitude) points."""
    (scale_x, scale_y), (move_x, move_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One closed ring from its arcs; a negative index (~i) is arc i reversed, and arcs share their end points."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points += arc[1:] if points else arc
    return points


def netherlands_rings(topology: dict[str, Any]) -> list[list[list[float]]]:
    """The outer rings of the European Netherlands, as [longitude, latitude] pairs."""
    arcs = _arcs(topology)
    country = next(g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == NETHERLANDS)
    polygons = country["arcs"] if country["type"] == "MultiPolygon" else [country["arcs"]]
    (west, south), (east, north) = EUROPE
    rings = []
    for polygon in polygons:
        ring = _ring(polygon[0], arcs)  # the outer ring; the Dutch polygons have no holes at this scale
        if all(west <= lon <= east and south <= lat <= north for lon, lat in ring):
            rings.append([[round(lon, DECIMALS), round(lat, DECIMALS)] for lon, lat in ring])
    return rings


def outline_document(topology: dict[str, Any]) -> str:
    """The text of data/kaart/nederland.json."""
    document = {"bron": SOURCE, "licentie": LICENCE, "ringen": netherlands_rings(topology)}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak data/kaart/nederland.json uit countries-10m.json van world-atlas.")
    parser.add_argument("source", type=Path, help="countries-10m.json uit het npm-pakket world-atlas")
    parser.add_argument("target", type=Path, help="het bestand om te schrijven, meestal data/kaart/nederland.json")
    args = parser.parse_args(argv)
    args.target.write_text(outline_document(json.loads(args.source.read_text(encoding="utf-8"))), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
