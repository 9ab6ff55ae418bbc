"""Text from strangers, made safe to show in a GitHub comment or pull request.

GitHub renders comments as Markdown and turns '@name' into a notification and
'#12' into a link to another issue. A value written by a contributor (a case
name, or a problem that quotes what they typed) must show as the text they
wrote and do nothing else: no link, image, HTML, mention or reference. This
module uses only the standard library, so the commenting workflow can run it
without installing anything.
"""

from __future__ import annotations

import re

# The characters that start markup in the middle of a line (emphasis, code, links, images, HTML,
# entities, tables, strikethrough, math); a backslash makes each one plain text (CommonMark escapes).
_MARKUP = re.compile(r"([\\`*_\[\]<>!|~&$])")
# Control characters and line separators: shown nowhere as they are, on a terminal or on GitHub.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# An invisible word joiner keeps what is shown, but GitHub no longer sees a mention ('@naam'),
# a reference to another issue ('#12') or a web address to make into a link ('https://', 'www.').
_JOIN = "\u2060"
_DEFUSE = (("@", "@" + _JOIN), ("#", "#" + _JOIN), ("://", ":" + _JOIN + "//"), ("www.", "www" + _JOIN + "."))


def plain(value: str, limit: int = 500) -> str:
    """`value` as Markdown that shows exactly this text, on one line, at most `limit` characters."""
    text = " ".join(CONTROL_CHARACTERS.sub(" ", value).split())
    if len(text) > limit:
        text = text[:limit] + "…"
    escaped = _MARKUP.sub(r"\\\1", text)
    for found, defused in _DEFUSE:
        escaped = escaped.replace(found, defused)
    return escaped
