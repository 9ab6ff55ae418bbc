"""Pagefind as a service: pages are indexed while MkDocs is still building the site.

`pagefind --service` reads requests on stdin and answers on stdout, each a
base64-encoded JSON message followed by a comma (the protocol of the pinned
Pagefind version, which its own Python package also speaks). That package
waits 0.1 s before reading every answer, a hundred seconds for a thousand
pages; this client sends pages without waiting and lets a thread collect the
answers, so Pagefind works on its own processor core next to the build.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

from pagefind.service import get_executable

ANSWER_TIMEOUT = 600.0  # seconds; writing the bundle of 10,000 pages takes well under a minute


class PagefindError(RuntimeError):
    pass


class PagefindService:
    """One Pagefind index in a child process: `add_html` per page, then `write` the bundle once."""

    def __init__(self, config: dict[str, Any]) -> None:
        binary = get_executable()
        if binary is None:
            raise PagefindError("het programma pagefind is niet gevonden; voer 'make install' uit")
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - open as long as the child process runs
        self._process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr)
        self._answers: dict[int, dict[str, Any]] = {}
        self._awaited: set[int] = set()
        self._errors: list[str] = []
        self._indexed = 0
        self._ended = False
        self._changed = threading.Condition()
        self._last_id = 0
        threading.Thread(target=self._read_answers, name="pagefind-answers", daemon=True).start()
        answer = self._wait(self._send({"type": "NewIndex", "config": config}, awaited=True))
        self._index_id = int(answer["index_id"])

    def add_html(self, url: str, html: str) -> None:
        """Queue one page; Pagefind indexes it while the caller goes on."""
        self._send({"type": "AddFile", "index_id": self._index_id, "url": url, "file_contents": html, "file_path": None})

    def write(self, output: Path, *, leave_out: tuple[str, ...] = ()) -> int:
        """Write the bundle to `output` once every page is indexed; the number of pages indexed.

        Pagefind's own WriteFiles answers before its file writes have landed:
        stopping it right after can leave `pagefind-entry.json` empty, and the
        search broken. So Pagefind hands over the files (GetFiles) and they are
        written here, completely, before this returns. Files named in
        `leave_out` (relative to `output`) are not written.
        """
        # Pagefind answers in order: when the files arrive, every page has been answered for.
        answer = self._wait(self._send({"type": "GetFiles", "index_id": self._index_id}, awaited=True))
        if self._errors:
            raise PagefindError("; ".join(self._errors[:5]))
        folders: set[Path] = set()  # made once each: the bundle is a thousand fragments in one folder
        for file in answer["files"]:
            relative = Path(file["path"])
            if relative.is_absolute() or ".." in relative.parts:
                raise PagefindError(f"onverwacht pad in de zoekbundel: {file['path']}")
            if file["path"] in leave_out:
                continue
            target = output / relative
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_bytes(base64.b64decode(file["content"]))
        return self._indexed

    def close(self) -> None:
        """Stop the child process, also after a failed build."""
        if self._process.stdin and not self._process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._stderr.close()

    def _send(self, payload: dict[str, Any], *, awaited: bool = False) -> int:
        self._last_id += 1
        if awaited:
            with self._changed:
                self._awaited.add(self._last_id)
        message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except BrokenPipeError:
            raise PagefindError(f"Pagefind is gestopt: {self._stderr_tail()}") from None
        return self._last_id

    def _wait(self, message_id: int) -> dict[str, Any]:
        with self._changed:
            if not self._changed.wait_for(lambda: message_id in self._answers or self._ended, timeout=ANSWER_TIMEOUT):
                raise PagefindError(f"Pagefind gaf binnen {ANSWER_TIMEOUT:.0f} s geen antwoord")
            answer = self._answers.pop(message_id, None)
        if answer is None:
            raise PagefindError(f"Pagefind is gestopt: {self._stderr_tail()}")
        if answer.get("type") == "Error":
            raise PagefindError(str(answer.get("message")))
        return answer

    def _read_answers(self) -> None:
        assert self._process.stdout is not None
        stdout = self._process.stdout.fileno()
        pending: list[bytes] = []  # pieces of an unfinished message; the bundle's files arrive as one of many megabytes
        try:
            while chunk := os.read(stdout, 1 << 20):
                if b"," not in chunk:
                    pending.append(chunk)
                    continue
                first, *messages, rest = chunk.split(b",")
                for message in (b"".join([*pending, first]), *messages):
                    self._receive(json.loads(base64.b64decode(message)))
                pending = [rest]
        finally:
            with self._changed:
                self._ended = True
                self._changed.notify_all()

    def _receive(self, answer: dict[str, Any]) -> None:
        payload = answer.get("payload") or {}
        message_id = answer.get("message_id")
        with self._changed:
            if message_id in self._awaited:
                self._awaited.discard(message_id)
                self._answers[message_id] = payload
            elif payload.get("type") == "IndexedFile":
                self._indexed += 1
            else:
                self._errors.append(str(payload.get("message", payload)))
            self._changed.notify_all()

    def _stderr_tail(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", errors="replace")[-2000:].strip() or "geen foutmelding"
