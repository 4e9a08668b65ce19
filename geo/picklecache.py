"""Objects that cost seconds to build (the name automaton, the respelling index), kept as pickles in the
engine cache so each process (every CLI start, every Dask worker) loads them instead of building them.

The cache only ever saves time: a file that cannot be read is rebuilt, a folder that cannot be written is
skipped. Files are named ``KIND-KEY.pickle``; saving one removes the other keys' files of its kind.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def load_or_build(path: Path, build: Callable[[], T], decode: Callable[[object], T | None],
                  encode: Callable[[T], object] = lambda obj: obj) -> T:
    """``decode`` of the pickle at ``path`` (None: not usable), else ``build()``, saved as ``encode`` of it.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "demo-1.pickle"
    >>> load_or_build(p, lambda: [1, 2], lambda x: x if isinstance(x, list) else None)
    [1, 2]
    >>> load_or_build(p, lambda: [3], lambda x: x if isinstance(x, list) else None)  # loaded, not built
    [1, 2]
    """
    try:
        with path.open("rb") as f:
            found = decode(pickle.load(f))
        if found is not None:
            return found
    except Exception:  # noqa: BLE001 - missing, truncated or from another build: rebuild
        pass
    obj = build()
    kind = path.name.split("-", 1)[0]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(encode(obj), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a process reading at the same time sees the old file or this one
        for old in path.parent.glob(f"{kind}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return obj
