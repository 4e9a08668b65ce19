"""The extractor fingerprint: a hash of the code and data that shape claims (the packages claim
extraction imports) and of the gazetteer's content. Claims cached under another fingerprint are stale
(``data.ingest.stale``): counted by ``sitmap ingest`` and ``sitmap status``, redone by ``sitmap reextract``.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from data.store.store import cache_root

ROOT = Path(__file__).resolve().parents[2]
EXTRACTION_ENTRY = ("data.claims.extract",)
"""Modules whose output the claim cache keeps; the fingerprint covers every package they import."""
_FINGERPRINT_SUFFIXES = {".py", ".csv", ".json", ".txt", ".tsv"}


def _local_imports(module: str) -> set[str]:
    """Project modules (``geo``/``data``) that ``module`` imports, at any depth in its source.

    ``from data import tables`` counts as importing ``data.tables`` too (names that are not
    modules are dropped later, having no file)."""
    path = _module_path(module)
    if path is None:
        return set()
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
                 if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
                 else [])
        found.update(n for n in names if n.split(".")[0] in ("geo", "data"))
    return found


def _module_path(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def extraction_packages(entry: Sequence[str] = EXTRACTION_ENTRY) -> list[Path]:
    """Folders of every package the extraction entry modules import, transitively.

    Whole packages, not single modules: a data file (a CSV of aliases) or a module imported
    lazily inside a function of the same package is covered too, and moving a file within
    them still changes the hash. Parsing every module for its imports took ~0.2 s of each
    ingest, so the answer is kept in ``$SITMAP_CACHE/extraction-packages.json`` under the path,
    size and mtime of every ``geo``/``data`` module (any edit, added or removed module re-parses).
    """
    modules = sorted(str(f.relative_to(ROOT)) for top in ("geo", "data") for f in (ROOT / top).rglob("*.py"))
    stamp = hashlib.sha256(json.dumps([list(entry), str(ROOT)] + [
        [m, (st := (ROOT / m).stat()).st_size, st.st_mtime_ns, st.st_ino] for m in modules]).encode()).hexdigest()
    kept = cache_root() / "extraction-packages.json"
    try:
        got = json.loads(kept.read_text(encoding="utf-8"))
        if got.get("stamp") == stamp:
            return [ROOT / f for f in got["folders"]]
    except (OSError, ValueError, AttributeError, KeyError):
        pass
    folders = _parsed_packages(entry)
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        tmp = kept.with_name(f".{kept.name}.{os.getpid()}")
        tmp.write_text(json.dumps({"stamp": stamp, "folders": [str(f.relative_to(ROOT)) for f in folders]}),
                       encoding="utf-8")
        os.replace(tmp, kept)
    except OSError:
        pass  # a read-only cache: parse again next time
    return folders


def _parsed_packages(entry: Sequence[str]) -> list[Path]:
    """``extraction_packages`` found by parsing the modules for their imports."""
    seen: set[str] = set()
    todo = list(entry)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo.extend(_local_imports(module) - seen)
    folders = set()
    for module in seen:
        path = _module_path(module)
        if path is not None:
            folders.add(path.parent)
    return sorted(folders)


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """Hash of every source and data file in the packages extraction imports (see
    ``extraction_packages``) and of the gazetteer's identity: when any of it changes, the claims
    cached under another one are stale (``data.ingest.stale``) until ``sitmap reextract`` redoes them."""
    h = hashlib.sha256()
    for folder in extraction_packages():
        for f in sorted(folder.iterdir()):
            if f.is_file() and f.suffix in _FINGERPRINT_SUFFIXES:
                h.update(str(f.relative_to(ROOT)).encode())
                h.update(f.read_bytes())
    h.update(gazetteer_identity().encode())
    return h.hexdigest()[:16]


def gazetteer_identity() -> str:
    """What the gazetteer index holds and the ``$SITMAP_OVERRIDES`` file's content: another index or
    edited overrides resolve places differently. The index's ``content`` digest (``geo.build``), so
    rebuilding the same data (``sitmap gazetteer build`` on a new machine) keeps every stored claim
    current; an index built before that digest existed reads as what it was built from (``code``,
    ``sources``, ``schema``) and what it counts, never its build time. Read from ``meta.json``
    without opening (or building) the index; a missing index reads as "missing"."""
    from geo.gazetteer import index_dir
    from geo.overrides import ENV_VAR

    try:
        meta = json.loads((index_dir() / "meta.json").read_text("utf-8"))
        keys = ("content",) if meta.get("content") else ("code", "sources", "schema", "counts")
        ident = {k: meta.get(k) for k in keys}
    except (OSError, ValueError, AttributeError):
        ident = {"index": "missing"}
    overrides = os.environ.get(ENV_VAR, "").strip()
    if overrides:
        try:
            ident["overrides"] = hashlib.sha256(Path(overrides).expanduser().read_bytes()).hexdigest()
        except OSError:
            ident["overrides"] = "unreadable"
    return json.dumps(ident, sort_keys=True, default=str)
