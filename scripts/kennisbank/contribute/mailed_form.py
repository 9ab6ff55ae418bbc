"""A filled-in form that came by e-mail: its text from a saved message (.eml), in the body or in an attached file.

The form on the site sends the text of 'Casus aandragen' as the body of an
e-mail, or as a file the person attaches. Mail programs encode that text
(quoted-printable, base64, a character set) and may wrap its lines as
`format=flowed` (RFC 3676); this module undoes all of that with Python's own
`email` package, so `kennisbank from-issue` reads a saved e-mail as it reads
the text itself. The message is data from a stranger: it is only parsed, and
only text parts are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

MAX_MAIL_BYTES = 25_000_000  # the largest e-mail common mail services send, attachments included
TEXT_FILES = (".txt", ".md")
_HEADER_LINE = re.compile(rb"[!-9;-~]+:")
_MAIL_HEADERS = frozenset({b"from", b"to", b"date", b"subject", b"mime-version", b"content-type", b"message-id", b"received", b"return-path"})


class MailError(Exception):
    """The saved e-mail holds no readable form; the message says why, in Dutch."""


def looks_like_mail(data: bytes) -> bool:
    """Whether the file begins with the headers of an e-mail ('From: …', 'Subject: …') rather than with the form's text."""
    head = data.lstrip(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    lines = head.split(b"\n")
    if lines[0].startswith(b"From "):  # saved from an mbox (Thunderbird's 'Opslaan als'): the envelope line comes first
        lines = lines[1:]
    if not lines or not _HEADER_LINE.match(lines[0]):
        return False
    names = {line.split(b":", 1)[0].strip().lower() for line in lines if _HEADER_LINE.match(line)}
    return bool(names & _MAIL_HEADERS) and all(_HEADER_LINE.match(line) or line[:1] in (b" ", b"\t") for line in lines)


def _quoted(depth: int, text: str) -> str:
    return (">" * depth + " " if depth else "") + text


def unflow(text: str, delete_space: bool) -> str:
    """Text sent as `format=flowed` (RFC 3676) with its soft line breaks joined again.

    A line that ends in a space goes on on the next line of the same quote
    depth (with `delsp=yes` that space was added by the mail program and goes
    too); the space a program puts before a line ('space-stuffing') comes off.
    """
    joined: list[str] = []
    paragraph: tuple[int, str] | None = None  # quote depth and text of a line still going on
    for raw in text.split("\n"):
        depth = len(raw) - len(raw.lstrip(">"))
        line = raw[depth:]
        line = line[1:] if line.startswith(" ") else line
        flowed = line.endswith(" ") and line != "-- "
        if flowed and delete_space:
            line = line[:-1]
        if paragraph is not None and paragraph[0] == depth:
            paragraph = (depth, paragraph[1] + line)
        else:
            if paragraph is not None:
                joined.append(_quoted(*paragraph))
            paragraph = (depth, line)
        if not flowed:
            joined.append(_quoted(*paragraph))
            paragraph = None
    if paragraph is not None:
        joined.append(_quoted(*paragraph))
    return "\n".join(joined)


def _text_of(part: EmailMessage) -> str | None:
    """A part's text, decoded, if it is text: the body, or an attached .txt or .md file.

    The form's own file is UTF-8, but a mail program may call an attachment
    US-ASCII, or give no character set at all: the declared one is tried
    first unless it is plain ASCII, then UTF-8.
    """
    name = (part.get_filename() or "").lower()
    if part.get_content_type() != "text/plain" and not name.endswith(TEXT_FILES):
        return None
    raw = part.get_payload(decode=True)
    data = raw if isinstance(raw, bytes) else b""
    declared = part.get_content_charset()
    tried = [declared] if declared and declared not in ("us-ascii", "ascii") else []
    for encoding in (*tried, "utf-8-sig"):
        try:
            text = data.decode(encoding)
            break
        except (LookupError, UnicodeDecodeError):
            continue
    else:
        raise MailError(f"Een deel van de e-mail ({name or part.get_content_type()}) is geen tekst in een bekende tekenset; er is niets opgeslagen.")
    text = text.replace("\r\n", "\n")
    if str(part.get_param("format", "")).lower() == "flowed":
        text = unflow(text, str(part.get_param("delsp", "")).lower() == "yes")
    return text.lstrip("\ufeff")


def form_text(data: bytes, is_form: Callable[[str], bool]) -> str:
    """The form's text in a saved e-mail: the first text part (body or attachment) for which `is_form` holds."""
    if len(data) > MAX_MAIL_BYTES:
        raise MailError(f"De e-mail is groter dan {MAX_MAIL_BYTES // 1_000_000} MB; er is niets opgeslagen.")
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    html_only = False
    for part in message.walk():
        if part.is_multipart():
            continue
        text = _text_of(part)
        if text is not None and is_form(text):
            return text
        html_only = html_only or part.get_content_type() == "text/html"
    if html_only:
        raise MailError(
            "In deze e-mail staat de casus alleen als HTML, niet als gewone tekst. "
            "Kopieer de tekst van de e-mail naar een tekstbestand en geef dat bestand; er is niets opgeslagen."
        )
    raise MailError("In deze e-mail staat geen ingevuld formulier 'Casus aandragen', ook niet in een bijlage (.txt); er is niets opgeslagen.")
