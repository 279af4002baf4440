"""The hostile-input corpus: stores damaged by hand, by tools and at random,
and command lines a careless or hostile person types."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path


def _edit(fn: Callable[[dict], None]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = json.loads(path.read_text())
        fn(data)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False))

    return damage


def _text(fn: Callable[[str], str]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        path.write_text(fn(path.read_text()))

    return damage


def _bytes(fn: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        path.write_bytes(fn(path.read_bytes()))

    return damage


def _r1(d: dict) -> dict:
    return d["requests"]["1"]


def _ev(d: dict, i: int = 0) -> dict:
    return d["requests"]["1"]["events"][i]


FIXED: dict[str, Callable[[Path], None]] = {
    # bytes and layout
    "empty": _bytes(lambda b: b""),
    "truncated": _bytes(lambda b: b[: len(b) // 2]),
    "one byte": _bytes(lambda b: b"{"),
    "not utf-8": _bytes(lambda b: b.replace(b"Oxford", b"Ox\xff\xfeford", 1)),
    "utf-16": _bytes(lambda b: b.decode().encode("utf-16")),
    "nul bytes": _bytes(lambda b: b[:100] + b"\x00" * 50 + b[100:]),
    "a bom": _bytes(lambda b: b"\xef\xbb\xbf" + b),
    "crlf": _bytes(lambda b: b.replace(b"\n", b"\r\n")),
    "top level array": _bytes(lambda b: b"[]"),
    "top level string": _bytes(lambda b: b'"foi"'),
    "deep nesting": _bytes(lambda b: b"[" * 100_000 + b"]" * 100_000),
    "a huge number": _text(lambda t: t.replace('"next_id": 4', '"next_id": ' + "9" * 5000, 1)),
    "nan": _text(lambda t: t.replace('"next_id": 4', '"next_id": NaN', 1)),
    "lone surrogate": _text(lambda t: t.replace('"setup-0"', '"\\udc80setup"', 1)),
    "duplicate request": _text(
        lambda t: t.replace('"requests": {', '"requests": {"1": {"id": 1, "regime": "foia", "events": []},', 1)
    ),
    # fields of the wrong type or value
    "no regime": _edit(lambda d: _r1(d).pop("regime")),
    "regime upper case": _edit(lambda d: _r1(d).update(regime="FOIA")),
    "regime a number": _edit(lambda d: _r1(d).update(regime=1)),
    "nation a list": _edit(lambda d: _r1(d).update(nation=["england"])),
    "id a string": _edit(lambda d: _r1(d).update(id="1")),
    "id negative": _edit(lambda d: d["requests"].update({"-1": {**_r1(d), "id": -1}})),
    "key with zero": _edit(lambda d: d["requests"].update({"01": _r1(d)})),
    "events missing": _edit(lambda d: _r1(d).pop("events")),
    "events an object": _edit(lambda d: _r1(d).update(events={})),
    "event a string": _edit(lambda d: _r1(d)["events"].append("sent")),
    "event without type": _edit(lambda d: _ev(d).pop("type")),
    "event type unknown": _edit(lambda d: _ev(d, 1).update(type="exploded")),
    "event date bad": _edit(lambda d: _ev(d, 1).update(date="2026-02-30")),
    "event date a number": _edit(lambda d: _ev(d, 1).update(date=20261102)),
    "events out of order": _edit(lambda d: _ev(d, 1).update(date="2020-01-01")),
    "letter hash bad": _edit(lambda d: _ev(d).update(letter_sha256="../../etc/passwd")),
    "letter missing": _edit(lambda d: _ev(d).update(letter_sha256="0" * 64)),
    "findings a string": _edit(lambda d: _r1(d).update(findings="a=b")),
    "vars a list": _edit(lambda d: _r1(d).update(vars=[1])),
    "exemptions a number": _edit(lambda d: _ev(d, 1).update(exemptions=40)),
    "attachment outside": _edit(
        lambda d: _ev(d, 1).update(attachments=[{"file": "../../x", "sha256": "0" * 64, "name": "x", "size": 1}])
    ),
    "next_id a string": _edit(lambda d: d["meta"]["1"].update(next_id="5")),
    "schema from the future": _edit(lambda d: d["meta"]["1"].update(schema_version=999)),
    "schema a string": _edit(lambda d: d["meta"]["1"].update(schema_version="3")),
    "config a list": _edit(lambda d: d.update(config=[])),
    "holidays not a list": _edit(lambda d: d.setdefault("config", {}).setdefault("1", {}).update(holidays=5)),
    "authority without id": _edit(lambda d: d.setdefault("authorities", {}).update({"1": {"name": "x"}})),
    "uid malformed": _edit(lambda d: _r1(d).update(uid="not-a-ulid")),
    "uid shared": _edit(lambda d: _ev(d, 1).update(uid=_r1(d)["uid"])),
    "campaign broken": _edit(lambda d: d.update(campaigns={"1": {"name": 5}})),
    "control characters": _edit(lambda d: _r1(d).update(subject="\x1b]0;pwned\x07\r\x00evil")),
}


def _random_damage(rng: random.Random) -> Callable[[Path], None]:
    """Flip, cut or paste bytes, or change one value to something else."""
    kind = rng.choice(["flip", "cut", "paste", "value"])

    def damage(path: Path) -> None:
        raw = bytearray(path.read_bytes())
        if kind == "flip":
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(len(raw))
                raw[i] = rng.randrange(256)
        elif kind == "cut":
            i = rng.randrange(len(raw))
            del raw[i : i + rng.randint(1, 200)]
        elif kind == "paste":
            i, j = rng.randrange(len(raw)), rng.randrange(len(raw))
            raw[i:i] = raw[j : j + rng.randint(1, 300)]
        else:
            data = json.loads(raw)
            node, key = data, None
            while isinstance(node, (dict, list)) and node:
                key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
                if not isinstance(node[key], (dict, list)) or rng.random() < 0.3:
                    break
                node = node[key]
            if key is not None:
                node[key] = rng.choice([None, True, -1, 2**70, 1.5, "", "x" * 5, [], {}, "2026-13-01", "\u202e"])
            raw = bytearray(json.dumps(data).encode())
        path.write_bytes(bytes(raw))

    return damage


def damaged_stores(store: Path, extra_random: int = 0, seed: int = 9) -> Iterator[tuple[str, Callable[[Path], None]]]:
    yield from FIXED.items()
    rng = random.Random(seed)
    for i in range(extra_random):
        yield f"random-{i}", _random_damage(rng)


def command_lines() -> list[list[str]]:
    """Command lines with hostile values (the store itself is sound)."""
    big = str(2**70)
    evil = "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07\r\x7f"  # (no NUL: argv cannot carry one)
    out = [
        ["show", big],
        ["show", "-1"],
        ["show", "1e9"],
        ["send", "1-99999999999999999999"],
        ["send", "5-1"],
        ["log", "1", "note", "--note", evil],
        ["log", "1", "note", "--note", "x" * 100_000],  # (one argument may not exceed 128 KiB)
        ["log", "1", "fee-notice", "--amount", "NaN"],
        ["log", "1", "extended", "--until", "31/02/2027"],
        ["log", "1", "response", "--on", "0001-01-01"],
        ["log", "1", "response", "--on", "9999-12-31"],
        ["respond", "1", "--outcome", "granted", "--file", "/dev/zero"],
        ["respond", "1", "--outcome", "granted", "--file", "/nonexistent"],
        ["finding", "1", evil + "=1"],
        ["finding", "1", "x=" + evil],
        ["finding", big, "x=1"],
        ["draft", "-t", "../../etc/passwd", "--to", "Oxford Health", "-s", "x"],
        ["draft", "-t", "foi", "--to", evil, "-s", "x"],
        ["draft", "-t", "foi", "--to", "Oxford Health", "-s", evil, "--var", "questions=" + evil],
        ["draft", "-t", "foi", "--to", "Oxford Health", "-s", "x", "--var", "questions={{ 7*7 }}{% raw %}"],
        ["list", "--status", "nonsense"],
        ["list", "--campaign", evil],
        ["export", "--format", "ics", "--title", "a\nb"],
        ["export", "--format", "csv", "-o", "/etc/passwd/x"],
        ["--today", "31/02/2026", "overdue"],
        ["--today", "99999-01-01", "overdue"],
        ["--store", "/dev/null", "list"],
        ["--store", os.devnull + "/x", "list"],
        ["config", "set", "organisation", evil],
        ["config", "holiday", "add", "2027-02-30"],
        ["authorities", "add", "--name", evil],
    ]
    return out
