"""The content cache: pure results kept by a hash of everything that makes them, in `.cache/kennisbank/`.

Material's social and privacy plugins keep a `.cache/` folder so that a
second build redoes only what changed; this is the same idea for the
engine's own work (reading a file, ranking related cases, marking glossary
terms, word forms for search, the search bundle). A key is a hash of the
code's version and of every input of the result, so a result whose inputs
changed is never found. Each entry carries a checksum of its value: an
entry that is damaged, cut short or not for its key is treated as missing,
and recomputed. Values are JSON, never pickle,
so nothing in the cache can run code.

Under `make serve` the cache has a first layer in memory (`Memory`): the
builds of one server process share it, so a rebuild after an edit takes
what the edit did not change from there, without reading the disk, and
finer results that are not worth a file (one case's related cases, one
case's open-data record) are kept there only (`keep`).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import jinja2

FOLDER = Path(".cache") / "kennisbank"
FORMAT = "kennisbank-cache 1"
# The libraries whose behaviour is part of a cached result: a new version makes new keys.
LIBRARIES = ("PyYAML", "fastjsonschema", "jsonschema", "nh3", "pagefind-bin")
MANIFEST = ".manifest.json"

T = TypeVar("T")


def code_version() -> str:
    """A hash of the engine's own source and the versions of the libraries it relies on."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


def fingerprint(*parts: str | bytes) -> str:
    """A hash of several inputs; each is length-prefixed, so ('ab', 'c') and ('a', 'bc') differ."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per server instead of once per rebuild: Jinja's own cache, kept
    in memory only (compiled code is never written to disk); Jinja checks each against its source."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class Memory:
    """Results kept in this process between the builds of one `make serve`, by their cache key.

    Values are shared between builds, so whoever gets one must not change
    it. What the last finished build did not use is let go, so the memory
    holds about one build's worth however long the server runs.
    """

    def __init__(self, adapter: Path | None = None) -> None:
        self._previous: dict[tuple[str, str], Any] = {}
        self._current: dict[tuple[str, str], Any] = {}
        # The code that runs is the code the server loaded: results it makes are stored under its version,
        # also when the source changes on disk while the server runs.
        self.version = code_version()
        # The engine's caller (the MkDocs adapter) is loaded once per server too, but it is no part of any result.
        self._adapter = adapter
        self._adapter_source = adapter.read_bytes() if adapter is not None else b""
        self.templates = CompiledTemplates()

    def get(self, key: tuple[str, str]) -> tuple[Any] | None:
        for kept in (self._current, self._previous):
            if key in kept:
                self._current[key] = kept[key]
                return (kept[key],)
        return None

    def code_changed(self) -> bool:
        """Whether the source on disk of the engine or its adapter is no longer the code this process runs."""
        adapter_changed = self._adapter is not None and self._adapter.read_bytes() != self._adapter_source
        return adapter_changed or code_version() != self.version

    def put(self, key: tuple[str, str], value: Any) -> None:
        self._current[key] = value

    def build_finished(self) -> None:
        """A build is done: from now on, keep what it used and let go of the rest."""
        self._previous, self._current = self._current, {}


class Cache:
    """One build's view of the cache: `remember` results, `store_tree` folders, then `prune` what this build did not use.

    Without a folder and a memory nothing is kept and every result is
    computed, so code that uses the cache runs the same without one.
    """

    def __init__(self, folder: Path | None, version: str | None = None, memory: Memory | None = None) -> None:
        self.folder = folder
        self.memory = memory  # shared by the builds of one server; without it, nothing is kept in memory
        self.version = version if version is not None else memory.version if memory is not None else code_version() if folder is not None else ""
        self._used: set[str] = set()  # keys of the entries this build read or wrote: `prune` keeps those
        self.reused: Counter[str] = Counter()  # by kind: results taken from the cache
        self.computed: Counter[str] = Counter()  # by kind: results made anew

    @classmethod
    def for_project(cls, root: Path, memory: Memory | None = None) -> Cache:
        return cls(root / FOLDER, memory=memory)

    def key(self, kind: str, *parts: str | bytes) -> str:
        """The key of a result of `kind` made from `parts` by this version of the code."""
        return fingerprint(self.version, kind, *parts)

    def remember(self, kind: str, key: str, make: Callable[[], T], *, check: Callable[[Any], bool] | None = None) -> T:
        """The value stored under `key`, or `make()`, stored for next time.

        `check` may refuse a stored value that does not fit where it is used;
        a refused or unreadable entry is recomputed and replaced.
        """
        self._used.add(key)
        found = self._recall(kind, key) or self._read(kind, key)
        if found is not None and (check is None or check(found[0])):
            self.reused[kind] += 1
        else:
            found = (make(),)
            self.computed[kind] += 1
            self._write(kind, key, found[0])
        if self.memory is not None:
            self.memory.put((kind, key), found[0])
        return found[0]

    def keep(self, kind: str, key: str, make: Callable[[], T]) -> T:
        """Like `remember`, in memory only: for objects made from a stored result (a disk entry of the same key
        counts as used), and for small results that would cost more to read from disk than to make."""
        self._used.add(key)
        found = self._recall(kind, key)
        if found is not None:
            return found[0]  # type: ignore[no-any-return]
        value = make()
        if self.memory is not None:
            self.memory.put((kind, key), value)
        return value

    def _recall(self, kind: str, key: str) -> tuple[Any] | None:
        return self.memory.get((kind, key)) if self.memory is not None else None

    def _entry(self, kind: str, key: str, suffix: str = ".json") -> Path | None:
        if self.folder is None:
            return None
        return self.folder / kind / key[:2] / f"{key}{suffix}"

    def _read(self, kind: str, key: str) -> tuple[Any] | None:
        path = self._entry(kind, key)
        if path is None:
            return None
        try:
            header, _, payload = path.read_bytes().partition(b"\n")
            label, stored_key, checksum = header.decode("ascii").rsplit(" ", 2)
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        if label != FORMAT or stored_key != key or checksum != hashlib.sha256(payload).hexdigest():
            return None
        try:
            value = json.loads(payload)
        except ValueError:
            return None
        return (value,)

    def _write(self, kind: str, key: str, value: Any) -> None:
        path = self._entry(kind, key)
        if path is None:
            return
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        header = f"{FORMAT} {key} {hashlib.sha256(payload).hexdigest()}\n".encode("ascii")
        # Written in place: an entry cut short, or two builds writing it at once, fails its checksum and is made anew.
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(header + payload)
        except OSError:
            return  # a cache that cannot be written costs time, never a build

    def stored_tree(self, kind: str, key: str) -> Path | None:
        """The folder stored under `key`, if every file in it matches its manifest."""
        path = self._entry(kind, key, suffix="")
        if path is None or not _tree_is_whole(path):
            return None
        self._used.add(key)
        self.reused[kind] += 1
        return path

    def store_tree(self, kind: str, key: str, folder: Path) -> Path | None:
        """Move `folder` into the cache under `key`, with a manifest of its files; where it went, or None without a cache."""
        self.computed[kind] += 1
        path = self._entry(kind, key, suffix="")
        if path is None:
            return None
        try:
            _write_manifest(folder)
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(path, ignore_errors=True)
            shutil.move(folder, path)
        except OSError:
            return None  # a cache that cannot be written costs time, never a build
        self._used.add(key)
        return path

    def summary(self) -> str:
        """What this build made anew, by kind, in Dutch: 'pagina 3 van 1094, ...'."""
        kinds = sorted(self.computed | self.reused)
        return ", ".join(f"{kind} {self.computed[kind]} van {self.computed[kind] + self.reused[kind]}" for kind in kinds) or "niets"

    def work_folder(self, prefix: str) -> tempfile.TemporaryDirectory[str]:
        """A scratch folder beside the cache for one build; it is removed when the build lets go of it, also after a failure."""
        if self.folder is None:
            return tempfile.TemporaryDirectory(prefix=f"kennisbank-{prefix}-")
        self.folder.mkdir(parents=True, exist_ok=True)
        return tempfile.TemporaryDirectory(dir=self.folder, prefix=f".{prefix}-")

    def prune(self, kinds: Iterable[str]) -> int:
        """Remove the entries of `kinds` this build neither read nor wrote; how many went.

        Only call this after a build that asked for everything it shows, so
        the cache holds one build's worth instead of growing with every edit.
        """
        if self.folder is None:
            return 0
        removed = 0
        for kind in kinds:
            for shard in (self.folder / kind).glob("*"):
                for entry in shard.iterdir():
                    if entry.name.removesuffix(".json") in self._used:
                        continue
                    if entry.is_dir():
                        shutil.rmtree(entry, ignore_errors=True)
                    else:
                        entry.unlink(missing_ok=True)
                    removed += 1
        return removed


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.name != MANIFEST)


def _write_manifest(folder: Path) -> None:
    listing = {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in _files(folder)}
    (folder / MANIFEST).write_text(json.dumps(listing, sort_keys=True), encoding="utf-8")


def _tree_is_whole(folder: Path) -> bool:
    """Whether every file the manifest names is there with its checksum, and no other."""
    try:
        listing = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = _files(folder)
    except (OSError, ValueError):
        return False
    if not isinstance(listing, dict) or sorted(listing) != [path.relative_to(folder).as_posix() for path in files]:
        return False
    return all(hashlib.sha256(path.read_bytes()).hexdigest() == listing[path.relative_to(folder).as_posix()] for path in files)
