"""Small pure helpers of the page renderer."""

from __future__ import annotations

import itertools
import posixpath

from kennisbank.pages.parts import html_url

URLS = ["", "casussen/", "casussen/de-akker/", "casussen/thema/energie/", "leren/", "leren/borging/governance/", "begrippen/", "casussen/thema/"]


def test_relative_urls_match_posixpath_for_every_pair_of_pages() -> None:
    for here, there in itertools.product(URLS, repeat=2):
        expected = posixpath.relpath(there or ".", here.rstrip("/") or ".") + "/"
        assert html_url(here, there) == expected, (here, there)
