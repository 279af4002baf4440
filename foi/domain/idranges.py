"""Request ids written compactly, as every timeline command takes them (pure)."""

from __future__ import annotations

from collections.abc import Iterable


def id_list(ids: Iterable[int]) -> str:
    """Ids as `foi send` and `foi chase` take them: runs of three or more as
    2-48, the rest one by one (``3 4 7 12-48``)."""
    ids = sorted(set(ids))
    parts: list[str] = []
    i = 0
    while i < len(ids):
        j = i
        while j + 1 < len(ids) and ids[j + 1] == ids[j] + 1:
            j += 1
        parts.append(f"{ids[i]}-{ids[j]}" if j - i >= 2 else " ".join(map(str, ids[i : j + 1])))
        i = j + 1
    return " ".join(parts)
