"""The content cache: a stored result is used only when it is whole and for its key; anything else is made anew."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from kennisbank import cache as cache_module
from kennisbank.cache import Cache, Memory, fingerprint


def _entries(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.json") if path.is_file())


def test_a_result_is_made_once_and_then_read_back(tmp_path: Path) -> None:
    calls: list[int] = []

    def make() -> dict[str, object]:
        calls.append(1)
        return {"tekst": "Coöperatie", "getallen": [1, 2], "leeg": None}

    first = Cache(tmp_path, version="1")
    assert first.remember("soort", first.key("soort", "invoer"), make) == {"tekst": "Coöperatie", "getallen": [1, 2], "leeg": None}
    again = Cache(tmp_path, version="1")
    assert again.remember("soort", again.key("soort", "invoer"), make) == {"tekst": "Coöperatie", "getallen": [1, 2], "leeg": None}
    assert len(calls) == 1
    assert again.summary() == "soort 0 van 1"


def test_other_inputs_or_another_version_of_the_code_never_find_the_result(tmp_path: Path) -> None:
    cache = Cache(tmp_path, version="1")
    cache.remember("soort", cache.key("soort", "a"), lambda: "A")
    assert cache.remember("soort", cache.key("soort", "b"), lambda: "B") == "B"
    newer = Cache(tmp_path, version="2")
    assert newer.remember("soort", newer.key("soort", "a"), lambda: "nieuw") == "nieuw"
    assert fingerprint("ab", "c") != fingerprint("a", "bc")


def _truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _flip_payload(data: bytes) -> bytes:
    header, _, payload = data.partition(b"\n")
    return header + b"\n" + payload.replace(b"A", b"B", 1)


def _other_key(data: bytes) -> bytes:
    header, _, payload = data.partition(b"\n")
    label, key, checksum = header.rsplit(b" ", 2)
    return b" ".join([label, key[::-1], checksum]) + b"\n" + payload


@pytest.mark.parametrize("damage", [_truncate, _flip_payload, _other_key, lambda data: b"", lambda data: b"\x00\xff rommel"])
def test_a_damaged_entry_is_made_anew(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    cache = Cache(tmp_path, version="1")
    key = cache.key("soort", "invoer")
    cache.remember("soort", key, lambda: "AAAA")
    (entry,) = _entries(tmp_path)
    entry.write_bytes(damage(entry.read_bytes()))
    assert Cache(tmp_path, version="1").remember("soort", key, lambda: "vers") == "vers"
    assert Cache(tmp_path, version="1").remember("soort", key, lambda: "niet nodig") == "vers"  # and stored whole again


def test_a_stored_value_that_does_not_fit_is_made_anew(tmp_path: Path) -> None:
    cache = Cache(tmp_path, version="1")
    key = cache.key("soort", "invoer")
    cache.remember("soort", key, lambda: ["oud"])
    assert Cache(tmp_path, version="1").remember("soort", key, lambda: {"nieuw": 1}, check=lambda stored: isinstance(stored, dict)) == {"nieuw": 1}


def test_without_a_folder_everything_is_made_and_nothing_written(tmp_path: Path) -> None:
    cache = Cache(None)
    assert cache.remember("soort", cache.key("soort", "x"), lambda: 1) == 1
    assert cache.remember("soort", cache.key("soort", "x"), lambda: 2) == 2
    assert cache.store_tree("map", "sleutel", tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_a_cache_that_cannot_be_written_costs_time_not_the_build(tmp_path: Path) -> None:
    blocked = tmp_path / "geen-map"
    blocked.write_text("een bestand waar de cache een map wil", encoding="utf-8")
    cache = Cache(blocked, version="1")
    assert cache.remember("soort", cache.key("soort", "x"), lambda: "gemaakt") == "gemaakt"


def test_pruning_keeps_only_what_this_build_used(tmp_path: Path) -> None:
    old = Cache(tmp_path, version="1")
    for name in ("a", "b", "c"):
        old.remember("soort", old.key("soort", name), str)
    current = Cache(tmp_path, version="1")
    current.remember("soort", current.key("soort", "b"), lambda: "b")
    current.remember("soort", current.key("soort", "d"), lambda: "d")
    assert current.prune(["soort"]) == 2
    later = Cache(tmp_path, version="1")
    made = [name for name in ("a", "b", "c", "d") if later.remember("soort", later.key("soort", name), lambda: "nieuw") == "nieuw"]
    assert made == ["a", "c"]


def _tree(folder: Path) -> None:
    (folder / "deel").mkdir(parents=True)
    (folder / "deel" / "een.txt").write_text("een", encoding="utf-8")
    (folder / "twee.bin").write_bytes(b"\x00\x01")


@pytest.mark.parametrize("damage", ["wijzig", "verwijder", "extra", "manifest"])
def test_a_stored_folder_is_used_only_while_every_file_matches_its_manifest(tmp_path: Path, damage: str) -> None:
    cache = Cache(tmp_path / "cache", version="1")
    made = tmp_path / "cache" / "werk"
    _tree(made)
    stored = cache.store_tree("map", "sleutel", made)
    assert stored is not None and not made.exists()
    assert Cache(tmp_path / "cache", version="1").stored_tree("map", "sleutel") == stored
    if damage == "wijzig":
        (stored / "deel" / "een.txt").write_text("EEN", encoding="utf-8")
    elif damage == "verwijder":
        (stored / "twee.bin").unlink()
    elif damage == "extra":
        (stored / "drie.txt").write_text("drie", encoding="utf-8")
    else:
        (stored / ".manifest.json").write_text("{kapot", encoding="utf-8")
    assert Cache(tmp_path / "cache", version="1").stored_tree("map", "sleutel") is None


def test_a_servers_memory_gives_results_back_without_the_disk_and_keeps_one_build(tmp_path: Path) -> None:
    memory = Memory()
    first = Cache(tmp_path, memory=memory)
    assert first.version == memory.version
    first.remember("soort", first.key("soort", "a"), lambda: ["A"])
    first.keep("object", "sleutel", lambda: {"alleen": "in het geheugen"})
    memory.build_finished()
    for entry in _entries(tmp_path):
        entry.write_bytes(b"beschadigd")  # only memory can answer now
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
    memory.build_finished()
    again = Cache(tmp_path, memory=memory)
    assert again.keep("object", key, lambda: "niet nodig") == "A"
    assert again.prune(["soort"]) == 0
