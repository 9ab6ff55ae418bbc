"""The content cache: pure results kept by a hash of everything that makes them, in one SQLite file in `.cache/kennisbank/`.

Material's social and privacy plugins keep a `.cache/` folder so that a
second build redoes only what changed; this is the same idea for the
engine's own work (reading a file, ranking related cases, marking glossary
terms, word forms for search, the search bundle). A key is a hash of the
code's version and of every input of the result, so a result whose inputs
changed is never found. Each entry carries a checksum of its value: an
entry that is damaged, cut short or not for its key is treated as missing,
and recomputed. Values are JSON, never pickle, so nothing in the cache can
run code; a stored folder (the search bundle) is its files' bytes with a
manifest of checksums.

All entries live in one database (`cache.sqlite`, Python's own sqlite3)
rather than a file each: at 3,000 cases that was 15,000 files in 3,500
folders, and the file system's work swung the build's time. Writes go in
transactions: a batch of entries, one whole folder, or one prune is stored
whole or not at all, so a build cut off halfway leaves every entry that was
there whole, and only a build that ended well prunes. The database is in
WAL mode: a build that reads never waits for one that writes, and two
builds that write (`make serve` and `make build` on one checkout) take
turns of milliseconds; a turn that does not come within `LOCK_WAIT` costs
that batch, never the build.

Under `make serve` the cache has a first layer in memory (`Memory`): the
builds of one server process share it, so a rebuild after an edit takes
what the edit did not change from there, without reading the disk, and
finer results that are not worth an entry (one case's related cases, one
case's open-data record) are kept there only (`keep`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import jinja2

FOLDER = Path(".cache") / "kennisbank"
DATABASE = "cache.sqlite"
SCHEMA = 1  # the tables' layout (SQLite's user_version): a database of another layout is emptied and laid anew
# The libraries whose behaviour is part of a cached result: a new version makes new keys.
LIBRARIES = ("PyYAML", "fastjsonschema", "jsonschema", "nh3", "pagefind-bin")
BATCH_BYTES = 4_000_000  # new entries wait in memory up to this size, then go into the database in one transaction
LOCK_WAIT = 5.0  # seconds a write waits while another process writes (a turn takes milliseconds)
_TABLES = (
    "CREATE TABLE entries (key TEXT PRIMARY KEY, kind TEXT NOT NULL, checksum TEXT NOT NULL, value BLOB NOT NULL)",
    "CREATE TABLE files (key TEXT NOT NULL, path TEXT NOT NULL, checksum TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (key, path))",
)
_DAMAGED = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})  # the file is no (whole) database: it is made anew

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
    computed, so code that uses the cache runs the same without one. New
    entries are stored in batches; `commit` stores the last one, and `prune`
    (after a build that asked for everything) commits too.
    """

    def __init__(self, folder: Path | None, version: str | None = None, memory: Memory | None = None) -> None:
        self.folder = folder
        self.memory = memory  # shared by the builds of one server; without it, nothing is kept in memory
        self.version = version if version is not None else memory.version if memory is not None else code_version() if folder is not None else ""
        self._used: set[str] = set()  # keys of the entries this build read or wrote: `prune` keeps those
        self.reused: Counter[str] = Counter()  # by kind: results taken from the cache
        self.computed: Counter[str] = Counter()  # by kind: results made anew
        self._database: sqlite3.Connection | None = None
        self._unusable = folder is None  # no folder, or a database that cannot be opened: everything is computed
        self._waiting: dict[str, tuple[str, str, bytes]] = {}  # new entries not yet stored: key -> (kind, checksum, JSON)
        self._waiting_bytes = 0

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
        """Like `remember`, in memory only: for objects made from a stored result (a stored entry of the same key
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

    def _connection(self) -> sqlite3.Connection | None:
        """The database, opened on first use; None when there is no folder or it cannot be opened."""
        if self._database is None and not self._unusable:
            assert self.folder is not None
            self._database = _open(self.folder / DATABASE)
            self._unusable = self._database is None
        return self._database

    def _damaged(self, error: sqlite3.DatabaseError) -> None:
        """The file turned out to be no whole database (a disk that failed, a copy cut short): it is made anew."""
        if getattr(error, "sqlite_errorname", "") in _DAMAGED and self._database is not None and self.folder is not None:
            self._database.close()
            self._database = None
            _remove_database(self.folder / DATABASE)

    def _read(self, kind: str, key: str) -> tuple[Any] | None:
        if key in self._waiting:
            return (json.loads(self._waiting[key][2]),)
        database = self._connection()
        if database is None:
            return None
        try:
            row = database.execute("SELECT checksum, value FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as error:
            self._damaged(error)
            return None
        if row is None or not isinstance(row[1], bytes) or row[0] != _checksum(key, kind, row[1]):
            return None
        try:
            return (json.loads(row[1]),)
        except ValueError:
            return None

    def _write(self, kind: str, key: str, value: Any) -> None:
        if self._unusable:
            return
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        self._waiting[key] = (kind, _checksum(key, kind, payload), payload)
        self._waiting_bytes += len(payload)
        if self._waiting_bytes >= BATCH_BYTES:
            self.commit()

    def commit(self) -> None:
        """Store the new entries still waiting, in one transaction; the build calls this when it ends well.

        A build that stops before this loses at most one batch of its own
        work, never an entry that was there before.
        """
        rows = [(key, kind, checksum, payload) for key, (kind, checksum, payload) in self._waiting.items()]
        self._waiting, self._waiting_bytes = {}, 0
        if rows:
            self._transaction(lambda database: database.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows))

    def _transaction(self, work: Callable[[sqlite3.Connection], object]) -> bool:
        """Run `work` in one write transaction: all of it is stored, or (on any error, or when the process is stopped) none of it."""
        database = self._connection()
        if database is None:
            return False
        try:
            database.execute("BEGIN IMMEDIATE")  # the write lock now, or after another process's turn
        except sqlite3.DatabaseError as error:
            self._damaged(error)
            return False  # still locked after LOCK_WAIT, or read-only: a cache that cannot be written costs time, never a build
        try:
            work(database)
            database.execute("COMMIT")
        except (sqlite3.DatabaseError, OSError) as error:
            _roll_back(database)
            if isinstance(error, sqlite3.DatabaseError):
                self._damaged(error)
            return False
        except BaseException:
            _roll_back(database)
            raise
        return True

    def stored_tree(self, kind: str, key: str) -> Mapping[str, str] | None:
        """The manifest (path -> checksum) of the folder stored under `key`, if every file it names is there.

        Each file's bytes are checked against its checksum when `write_tree` writes it out.
        """
        found = self._read(kind, key)
        database = self._connection()
        if found is None or not isinstance(found[0], dict) or database is None:
            return None
        try:
            listed = dict(database.execute("SELECT path, checksum FROM files WHERE key = ?", (key,)).fetchall())
        except sqlite3.DatabaseError as error:
            self._damaged(error)
            return None
        if listed != found[0]:
            return None
        self._used.add(key)
        self.reused[kind] += 1
        return found[0]

    def write_tree(self, key: str, manifest: Mapping[str, str], target: Path, under: str = "") -> bool:
        """Write the stored files whose path starts with `under` into `target`, without that prefix.

        False when one is missing or fails its checksum; `target` is then incomplete, and the caller makes it anew.
        """
        database = self._connection()
        wanted = {path: checksum for path, checksum in manifest.items() if path.startswith(under)}
        if database is None:
            return False
        written, folders = 0, set()
        try:
            rows = database.execute("SELECT path, data FROM files WHERE key = ? AND path >= ? ORDER BY path", (key, under))
            for path, data in rows:
                if path not in wanted:
                    if path.startswith(under):
                        return False
                    break
                if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != wanted[path]:
                    return False
                file = target / path[len(under) :]
                if file.parent not in folders:
                    file.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(file.parent)
                file.write_bytes(data)
                written += 1
        except sqlite3.DatabaseError as error:
            self._damaged(error)
            return False
        return written == len(wanted)

    def store_tree(self, kind: str, key: str, folder: Path) -> Mapping[str, str] | None:
        """Store every file in `folder` under `key`, with a manifest of checksums, in one transaction; the manifest, or None without a cache."""
        self.computed[kind] += 1
        manifest: dict[str, str] = {}

        def store(database: sqlite3.Connection) -> None:
            database.execute("DELETE FROM files WHERE key = ?", (key,))
            for path in sorted(path for path in folder.rglob("*") if path.is_file()):
                data = path.read_bytes()
                name = path.relative_to(folder).as_posix()
                manifest[name] = hashlib.sha256(data).hexdigest()
                database.execute("INSERT INTO files VALUES (?, ?, ?, ?)", (key, name, manifest[name], data))
            payload = json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
            database.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", (key, kind, _checksum(key, kind, payload), payload))

        if self._unusable or not self._transaction(store):
            return None
        self._used.add(key)
        return manifest

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
        """Store what waits, then remove the entries of `kinds` this build neither read nor wrote, in one transaction; how many went.

        Only call this after a build that asked for everything it shows, so
        the cache holds one build's worth instead of growing with every edit.
        """
        self.commit()
        removed = 0

        def remove(database: sqlite3.Connection) -> None:
            nonlocal removed
            removed = database.execute(
                "DELETE FROM entries WHERE kind IN (SELECT value FROM json_each(?)) AND key NOT IN (SELECT value FROM json_each(?))",
                (json.dumps(list(kinds)), json.dumps(sorted(self._used))),
            ).rowcount
            database.execute("DELETE FROM files WHERE key NOT IN (SELECT key FROM entries)")

        if self._unusable or not self._transaction(remove):
            return 0
        return removed


def _checksum(key: str, kind: str, payload: bytes) -> str:
    """An entry's checksum covers its key and kind too: a value that is whole but not of this key (a damaged index) is refused."""
    return fingerprint(key, kind, payload)


def _open(path: Path) -> sqlite3.Connection | None:
    """The cache database at `path`, laid out anew when it is new, of another layout or damaged; None if it cannot be had."""
    for attempt in range(2):
        database = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit: every read sees the last finished write, and writes open their own transactions.
            database = sqlite3.connect(path, timeout=LOCK_WAIT, isolation_level=None)
            database.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer, and a writer only for another writer
            database.execute("PRAGMA synchronous=NORMAL")  # safe for a cache: a power cut may lose the last transactions, never corrupt
            if database.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                database.execute("BEGIN IMMEDIATE")
                if database.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:  # not laid out by another process meanwhile
                    for table in ("entries", "files"):
                        database.execute(f"DROP TABLE IF EXISTS {table}")
                    for statement in _TABLES:
                        database.execute(statement)
                    database.execute(f"PRAGMA user_version = {SCHEMA}")
                database.execute("COMMIT")
            return database
        except sqlite3.DatabaseError as error:
            if database is not None:
                database.close()
            if attempt or getattr(error, "sqlite_errorname", "") not in _DAMAGED:
                return None
            _remove_database(path)
        except OSError:
            return None
    return None


def _roll_back(database: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.DatabaseError):  # a damaged file may refuse even that; SQLite drops the transaction anyway
        database.execute("ROLLBACK")


def _remove_database(path: Path) -> None:
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        (path.parent / name).unlink(missing_ok=True)
