"""The content cache: one SQLite file; a stored result is used only when it is whole and for its key; anything else is made anew.

A build cut off halfway (killed, or stopped by an error) leaves every entry
that was there whole, and two processes on one cache (a `make serve` and a
`make build`) take turns without damaging it.
"""

from __future__ import annotations

import gc
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from kennisbank import cache as cache_module
from kennisbank.cache import DATABASE, Cache, Memory, fingerprint

from tests.conftest import ROOT


def _database(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / DATABASE, isolation_level=None)


def _stored(folder: Path, kind: str, *names: str) -> list[str]:
    """Which of `names` (inputs of entries of `kind`, version '1') a new cache finds without making them."""
    cache = Cache(folder, version="1")
    return [name for name in names if cache.remember(kind, cache.key(kind, name), lambda: "nieuw") != "nieuw"]


def test_a_result_is_made_once_and_then_read_back_from_one_file(tmp_path: Path) -> None:
    calls: list[int] = []

    def make() -> dict[str, object]:
        calls.append(1)
        return {"tekst": "Coöperatie", "getallen": [1, 2], "leeg": None}

    first = Cache(tmp_path, version="1")
    assert first.remember("soort", first.key("soort", "invoer"), make) == {"tekst": "Coöperatie", "getallen": [1, 2], "leeg": None}
    first.commit()
    again = Cache(tmp_path, version="1")
    assert again.remember("soort", again.key("soort", "invoer"), make) == {"tekst": "Coöperatie", "getallen": [1, 2], "leeg": None}
    assert len(calls) == 1
    assert again.summary() == "soort 0 van 1"
    # No file or folder per entry: the database, and while it is open SQLite's log of writes beside it.
    assert {path.name for path in tmp_path.iterdir()} <= {DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm"}


def test_other_inputs_or_another_version_of_the_code_never_find_the_result(tmp_path: Path) -> None:
    cache = Cache(tmp_path, version="1")
    cache.remember("soort", cache.key("soort", "a"), lambda: "A")
    assert cache.remember("soort", cache.key("soort", "b"), lambda: "B") == "B"
    cache.commit()
    newer = Cache(tmp_path, version="2")
    assert newer.remember("soort", newer.key("soort", "a"), lambda: "nieuw") == "nieuw"
    assert fingerprint("ab", "c") != fingerprint("a", "bc")


def _truncate(database: sqlite3.Connection, key: str) -> None:
    database.execute("UPDATE entries SET value = substr(value, 1, length(value) / 2) WHERE key = ?", (key,))


def _flip_a_byte(database: sqlite3.Connection, key: str) -> None:
    (value,) = database.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
    database.execute("UPDATE entries SET value = ? WHERE key = ?", (value.replace(b"A", b"B", 1), key))


def _another_entrys_value(database: sqlite3.Connection, key: str) -> None:
    """A whole entry, checksum and all, but of another key: as a damaged index might hand out."""
    other = database.execute("SELECT checksum, value FROM entries WHERE key != ?", (key,)).fetchone()
    database.execute("UPDATE entries SET checksum = ?, value = ? WHERE key = ?", (*other, key))


def _text_instead_of_bytes(database: sqlite3.Connection, key: str) -> None:
    database.execute("UPDATE entries SET value = CAST(value AS TEXT) WHERE key = ?", (key,))


def _rubbish(database: sqlite3.Connection, key: str) -> None:
    database.execute("UPDATE entries SET value = x'00ff20726f6d6d656c' WHERE key = ?", (key,))


@pytest.mark.parametrize("damage", [_truncate, _flip_a_byte, _another_entrys_value, _text_instead_of_bytes, _rubbish])
def test_a_damaged_entry_counts_as_missing_and_is_made_anew(tmp_path: Path, damage: Callable[[sqlite3.Connection, str], None]) -> None:
    cache = Cache(tmp_path, version="1")
    key = cache.key("soort", "invoer")
    cache.remember("soort", key, lambda: "AAAA")
    cache.remember("soort", cache.key("soort", "ander"), lambda: "ander")
    cache.commit()
    damage(_database(tmp_path), key)
    again = Cache(tmp_path, version="1")
    assert again.remember("soort", key, lambda: "vers") == "vers"
    again.commit()
    assert Cache(tmp_path, version="1").remember("soort", key, lambda: "niet nodig") == "vers"  # and stored whole again


@pytest.mark.parametrize("damage", [lambda data: data[: len(data) // 2], lambda data: b"geen database" * 100, lambda data: b""])
def test_a_damaged_database_file_is_made_anew(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    cache = Cache(tmp_path, version="1")
    for name in ("a", "b"):
        cache.remember("soort", cache.key("soort", name), lambda: "x" * 100_000)  # several pages, so a half file is no whole database
    cache.commit()
    del cache  # closed, as at the end of a build: everything is in the one file
    gc.collect()
    file = tmp_path / DATABASE
    assert not (tmp_path / f"{DATABASE}-wal").exists()
    file.write_bytes(damage(file.read_bytes()))
    assert _stored(tmp_path, "soort", "a", "b") == []
    second = Cache(tmp_path, version="1")
    second.remember("soort", second.key("soort", "a"), lambda: "A")
    second.commit()
    assert _stored(tmp_path, "soort", "a", "b") == ["a"]
    assert _database(tmp_path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_stored_value_that_does_not_fit_is_made_anew(tmp_path: Path) -> None:
    cache = Cache(tmp_path, version="1")
    key = cache.key("soort", "invoer")
    cache.remember("soort", key, lambda: ["oud"])
    cache.commit()
    assert Cache(tmp_path, version="1").remember("soort", key, lambda: {"nieuw": 1}, check=lambda stored: isinstance(stored, dict)) == {"nieuw": 1}


def test_without_a_folder_everything_is_made_and_nothing_written(tmp_path: Path) -> None:
    cache = Cache(None)
    assert cache.remember("soort", cache.key("soort", "x"), lambda: 1) == 1
    assert cache.remember("soort", cache.key("soort", "x"), lambda: 2) == 2
    assert cache.store_tree("map", "sleutel", tmp_path) is None
    cache.commit()
    assert cache.prune(["soort"]) == 0
    assert list(tmp_path.iterdir()) == []


def test_a_cache_that_cannot_be_written_costs_time_not_the_build(tmp_path: Path) -> None:
    blocked = tmp_path / "geen-map"
    blocked.write_text("een bestand waar de cache een map wil", encoding="utf-8")
    cache = Cache(blocked, version="1")
    assert cache.remember("soort", cache.key("soort", "x"), lambda: "gemaakt") == "gemaakt"
    cache.commit()
    assert cache.prune(["soort"]) == 0


def test_new_entries_are_stored_in_batches_while_the_build_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "BATCH_BYTES", 1000)
    cache = Cache(tmp_path, version="1")
    for number in range(10):
        cache.remember("soort", cache.key("soort", str(number)), lambda: "x" * 300)
    # Not committed: the batches that filled up are stored, the last one still waits.
    assert _stored(tmp_path, "soort", *map(str, range(10))) == [str(number) for number in range(8)]


def test_pruning_keeps_only_what_this_build_used(tmp_path: Path) -> None:
    old = Cache(tmp_path, version="1")
    for name in ("a", "b", "c"):
        old.remember("soort", old.key("soort", name), str)
    old.remember("ander", old.key("ander", "e"), str)
    old.commit()
    current = Cache(tmp_path, version="1")
    current.remember("soort", current.key("soort", "b"), lambda: "b")
    current.remember("soort", current.key("soort", "d"), lambda: "d")
    assert current.prune(["soort"]) == 2
    assert _stored(tmp_path, "soort", "a", "b", "c", "d") == ["b", "d"]
    assert _stored(tmp_path, "ander", "e") == ["e"]  # another kind is not pruned


def _tree(folder: Path) -> Path:
    (folder / "bundel" / "deel").mkdir(parents=True)
    (folder / "bundel" / "deel" / "een.txt").write_text("een", encoding="utf-8")
    (folder / "bundel" / "twee.bin").write_bytes(b"\x00\x01")
    (folder / "documenten").mkdir()
    (folder / "documenten" / "drie.html").write_text("<p>drie</p>", encoding="utf-8")
    return folder


def _written(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_stored_folder_comes_back_whole_and_in_parts(tmp_path: Path) -> None:
    made = _tree(tmp_path / "werk")
    manifest = Cache(tmp_path / "cache", version="1").store_tree("map", "sleutel", made)
    assert manifest is not None and sorted(manifest) == ["bundel/deel/een.txt", "bundel/twee.bin", "documenten/drie.html"]
    later = Cache(tmp_path / "cache", version="1")
    found = later.stored_tree("map", "sleutel")
    assert found == manifest
    assert later.write_tree("sleutel", found, tmp_path / "site", under="bundel/")
    assert _written(tmp_path / "site") == {"deel/een.txt": b"een", "twee.bin": b"\x00\x01"}
    assert later.write_tree("sleutel", found, tmp_path / "alles")
    assert _written(tmp_path / "alles") == _written(made)
    assert later.summary() == "map 0 van 1"


@pytest.mark.parametrize("damage", ["wijzig", "verwijder", "extra", "manifest"])
def test_a_stored_folder_is_used_only_while_every_file_matches_its_manifest(tmp_path: Path, damage: str) -> None:
    folder = tmp_path / "cache"
    assert Cache(folder, version="1").store_tree("map", "sleutel", _tree(tmp_path / "werk")) is not None
    database = _database(folder)
    if damage == "wijzig":
        database.execute("UPDATE files SET data = x'0000' WHERE path = 'bundel/twee.bin'")
    elif damage == "verwijder":
        database.execute("DELETE FROM files WHERE path = 'documenten/drie.html'")
    elif damage == "extra":
        database.execute("INSERT INTO files VALUES ('sleutel', 'bundel/vier.txt', 'x', x'00')")
    else:
        database.execute("UPDATE entries SET value = x'7b6b61706f74' WHERE key = 'sleutel'")
    later = Cache(folder, version="1")
    found = later.stored_tree("map", "sleutel")
    if damage == "wijzig":  # the bytes are checked as they are written out: the caller makes the folder anew
        assert found is not None and not later.write_tree("sleutel", found, tmp_path / "site", under="bundel/")
    else:
        assert found is None


def test_an_error_while_storing_a_folder_stores_none_of_it_and_keeps_what_was_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    before = Cache(folder, version="1")
    before.remember("soort", before.key("soort", "a"), lambda: "A")
    before.commit()
    assert before.store_tree("map", "oud", _tree(tmp_path / "oud")) is not None
    made = _tree(tmp_path / "nieuw")
    original = Path.read_bytes

    def failing(path: Path) -> bytes:
        if path.name == "drie.html":
            raise OSError("schijf weg")
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", failing)
    assert Cache(folder, version="1").store_tree("map", "nieuw", made) is None
    monkeypatch.undo()
    assert _database(folder).execute("SELECT count(*) FROM files WHERE key = 'nieuw'").fetchone() == (0,)
    assert _stored(folder, "soort", "a") == ["a"]
    assert Cache(folder, version="1").stored_tree("map", "oud") is not None


def test_a_build_stopped_by_an_error_prunes_nothing(tmp_path: Path) -> None:
    before = Cache(tmp_path, version="1")
    for name in ("a", "b"):
        before.remember("soort", before.key("soort", name), str)
    before.prune(["soort"])
    build = Cache(tmp_path, version="1")
    build.remember("soort", build.key("soort", "c"), str)

    def broken() -> str:
        raise ValueError("kapot")

    with pytest.raises(ValueError):
        build.remember("soort", build.key("soort", "d"), broken)
    del build  # never committed or pruned, as when the build stops here
    assert _stored(tmp_path, "soort", "a", "b", "c", "d") == ["a", "b"]


# A process that stores a folder and stops in the middle of its transaction, after writing megabytes of it, until it is killed.
_STOPS_HALFWAY = """
import pathlib, sys, time
from kennisbank.cache import Cache
cache_folder, started, folder = map(pathlib.Path, sys.argv[1:])
read_bytes = pathlib.Path.read_bytes
def stop_at_the_last_file(path):
    if path.name == "z-laatste.txt":
        started.write_text("bezig", encoding="utf-8")
        time.sleep(120)
    return read_bytes(path)
pathlib.Path.read_bytes = stop_at_the_last_file
Cache(cache_folder, version="1").store_tree("map", "half", folder)
"""


@contextmanager
def _writer_stopped_halfway(tmp_path: Path, cache_folder: Path) -> Iterator[subprocess.Popen[bytes]]:
    folder = tmp_path / "groot"
    folder.mkdir()
    (folder / "a-groot.bin").write_bytes(os.urandom(8_000_000))  # more than SQLite keeps in memory: the transaction writes to disk
    (folder / "z-laatste.txt").write_text("laatste", encoding="utf-8")
    started = tmp_path / "bezig"
    process = subprocess.Popen([sys.executable, "-c", _STOPS_HALFWAY, str(cache_folder), str(started), str(folder)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert process.poll() is None and time.monotonic() < deadline, "the writer did not start"
            time.sleep(0.05)
        yield process
    finally:
        process.kill()
        process.wait()


def _entries_before(folder: Path) -> None:
    cache = Cache(folder, version="1")
    for name in ("a", "b"):
        cache.remember("soort", cache.key("soort", name), name.upper)
    assert cache.store_tree("map", "oud", _tree(folder.parent / "oud")) is not None
    cache.commit()


def test_a_build_killed_in_the_middle_of_a_transaction_leaves_the_previous_state_whole(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _entries_before(folder)
    with _writer_stopped_halfway(tmp_path, folder) as writer:
        assert (folder / f"{DATABASE}-wal").stat().st_size > 4_000_000, "the transaction had written to disk"
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    database = _database(folder)
    assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert database.execute("SELECT count(*) FROM files WHERE key = 'half'").fetchone() == (0,)
    assert _stored(folder, "soort", "a", "b") == ["a", "b"]
    later = Cache(folder, version="1")
    assert later.stored_tree("map", "half") is None
    manifest = later.stored_tree("map", "oud")
    assert manifest is not None and later.write_tree("oud", manifest, tmp_path / "terug")
    assert _written(tmp_path / "terug") == _written(tmp_path / "oud")


def test_while_another_process_writes_a_build_reads_everything_and_goes_on_without_storing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What we chose: WAL, so readers never wait; one writer at a time, and a build that cannot write within LOCK_WAIT goes on without storing."""
    folder = tmp_path / "cache"
    _entries_before(folder)
    monkeypatch.setattr(cache_module, "LOCK_WAIT", 0.5)
    with _writer_stopped_halfway(tmp_path, folder):
        build = Cache(folder, version="1")
        started = time.monotonic()
        assert build.remember("soort", build.key("soort", "a"), lambda: "opnieuw") == "A"
        assert build.remember("soort", build.key("soort", "c"), lambda: "C") == "C"
        assert build.prune(["soort"]) == 0  # its turn did not come: nothing stored, nothing removed
        assert time.monotonic() - started < 5
    assert _stored(folder, "soort", "a", "b", "c") == ["a", "b"]


# One of two processes that write and prune the same cache at the same time, in many small transactions.
_WRITES_AND_PRUNES = """
import sys, pathlib
from kennisbank import cache as cache_module
from kennisbank.cache import Cache
cache_module.BATCH_BYTES = 2000
folder, first = pathlib.Path(sys.argv[1]), int(sys.argv[2])
for round in range(5):
    cache = Cache(folder, version="1")
    for number in range(first, first + 300):
        cache.remember("soort", cache.key("soort", str(number)), lambda: str(number) * 50)
    cache.prune(["eigen-" + str(first)])
    cache.commit()
"""


def test_two_processes_writing_one_cache_at_once_take_turns_and_damage_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    writers = [subprocess.Popen([sys.executable, "-c", _WRITES_AND_PRUNES, str(folder), str(first)], cwd=ROOT) for first in (0, 150)]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]
    database = _database(folder)
    assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    cache = Cache(folder, version="1")
    found = [cache.remember("soort", cache.key("soort", str(number)), lambda: "ontbreekt") for number in range(450)]
    assert found == [str(number) * 50 for number in range(450)]


def test_a_servers_memory_gives_results_back_without_the_disk_and_keeps_one_build(tmp_path: Path) -> None:
    memory = Memory()
    first = Cache(tmp_path, memory=memory)
    assert first.version == memory.version
    first.remember("soort", first.key("soort", "a"), lambda: ["A"])
    first.keep("object", "sleutel", lambda: {"alleen": "in het geheugen"})
    first.commit()
    memory.build_finished()
    _database(tmp_path).execute("UPDATE entries SET value = x'00'")  # only memory can answer now
    second = Cache(tmp_path, memory=memory)
    assert second.remember("soort", second.key("soort", "a"), lambda: ["opnieuw"]) == ["A"]
    memory.build_finished()  # this build did not ask for the object
    third = Cache(tmp_path, memory=memory)
    assert third.keep("object", "sleutel", lambda: "opnieuw gemaakt") == "opnieuw gemaakt"
    assert third.remember("soort", third.key("soort", "a"), lambda: ["opnieuw"]) == ["A"]


def test_a_servers_memory_notices_when_the_code_on_disk_is_no_longer_the_code_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    memory = Memory()
    assert not memory.code_changed()
    monkeypatch.setattr(cache_module, "code_version", lambda: "andere code")
    assert memory.code_changed()
    assert Cache(Path("ergens"), memory=memory).version == memory.version  # results are stored under the code that made them


def test_a_servers_memory_notices_when_the_adapter_on_disk_changed(tmp_path: Path) -> None:
    adapter = tmp_path / "mkdocs_hooks.py"
    adapter.write_text("oud = 1\n", encoding="utf-8")
    memory = Memory(adapter=adapter)
    assert not memory.code_changed()
    adapter.write_text("nieuw = 2\n", encoding="utf-8")
    assert memory.code_changed()


def test_objects_kept_for_a_stored_result_keep_that_result_when_the_cache_is_pruned(tmp_path: Path) -> None:
    memory = Memory()
    cache = Cache(tmp_path, memory=memory)
    key = cache.key("soort", "a")
    cache.keep("object", key, lambda: cache.remember("soort", key, lambda: "A"))
    cache.commit()
    memory.build_finished()
    again = Cache(tmp_path, memory=memory)
    assert again.keep("object", key, lambda: "niet nodig") == "A"
    assert again.prune(["soort"]) == 0
