"""The outline of the Netherlands, from the data file the map is drawn from: where a region's coordinates may lie.

`data/kaart/nederland.json` holds Natural Earth's country boundary as rings
of longitude and latitude (made by `kennisbank.tools.geodata`; source and
licence in `data/kaart/`). The same outline checks that every region's
coordinates lie in the Netherlands and draws the map, so a mark is never
off the map.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import fingerprint
from .problems import ContentError, Problem

OUTLINE_FILE = "data/kaart/nederland.json"

Ring = tuple[tuple[float, float], ...]  # (longitude, latitude) points, the last equal to the first


@dataclass(frozen=True)
class Outline:
    """The land of the European Netherlands as polygons without holes."""

    rings: tuple[Ring, ...]
    digest: str = field(default="", compare=False)  # of the data file: what a cache key needs of the outline

    def bounds(self) -> tuple[float, float, float, float]:
        """West, south, east and north edge, in degrees."""
        lons = [lon for ring in self.rings for lon, _ in ring]
        lats = [lat for ring in self.rings for _, lat in ring]
        return min(lons), min(lats), max(lons), max(lats)

    def contains(self, latitude: float, longitude: float) -> bool:
        """Whether a point lies on land inside the outline (even-odd rule: a ray crosses a ring's edges an odd number of times)."""
        inside = False
        for ring in self.rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
                if (y1 > latitude) != (y2 > latitude) and longitude < x1 + (latitude - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
        return inside


def load_outline(root: Path) -> Outline:
    """Read the outline; a missing or broken file stops everything, as a broken vocabulary does."""
    path = root / OUTLINE_FILE
    try:
        raw = path.read_bytes()
        rings = tuple(tuple((float(lon), float(lat)) for lon, lat in ring) for ring in json.loads(raw)["ringen"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        message = f"de kaart van Nederland is niet leesbaar ({type(error).__name__}); maak het bestand opnieuw met python -m kennisbank.tools.geodata"
        raise ContentError([Problem(OUTLINE_FILE, None, None, message)]) from None
    if not rings or any(len(ring) < 4 for ring in rings):
        raise ContentError([Problem(OUTLINE_FILE, None, "ringen", "verwacht minstens één gesloten ring van punten")])
    return Outline(rings, fingerprint(OUTLINE_FILE, raw))
