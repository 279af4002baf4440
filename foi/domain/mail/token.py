"""The per-request mail token.

A reply carries the token back in the address (``you+foi-<token>@...`` when
plus-addressing is on) and in the subject (``[foi <token>]``).  It is derived
from the request's permanent ``uid`` alone, so it never changes: not when the
request is renumbered, nor when two stores are merged.  It is a hash rather
than the uid itself: shorter to survive a subject line, and it does not tell
when the request was made.  Eight Crockford base32 characters (40 bits) make
a clash between two of 50,000 requests about one in a thousand; such a clash
is found (two requests, one token) and the message goes to the inbox.
"""

from __future__ import annotations

import hashlib
import re

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's base32, lower case
LENGTH = 8
_CONFUSABLE = str.maketrans({"i": "1", "l": "1", "o": "0", "u": "v"})

#: ``+foi-<token>@`` in an address
PLUS_RE = re.compile(r"\+foi-([0-9a-z]{8})@", re.IGNORECASE)
#: ``[foi <token>]`` in a subject (also ``[FOI:token]``, ``[foi #token]``)
SUBJECT_RE = re.compile(r"\[\s*foi[\s:#-]*([0-9a-z]{8})\s*\]", re.IGNORECASE)


def token_for(uid: str) -> str:
    """The token of the request whose permanent id is ``uid``."""
    digest = hashlib.sha256(b"foi-mail-token:" + str(uid).strip().upper().encode()).digest()
    n = int.from_bytes(digest[:5], "big")
    return "".join(ALPHABET[(n >> (5 * (LENGTH - 1 - i))) & 31] for i in range(LENGTH))


def normalise(token: str) -> str:
    """A token as written back by a person (capitals, O for 0, I or L for 1)."""
    return token.strip().lower().translate(_CONFUSABLE)


def plus_address(address: str, token: str) -> str:
    """``alex+foi-<token>@example.org`` from ``alex@example.org``."""
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    return f"{local}+foi-{token}@{domain}"


def subject_marker(token: str) -> str:
    return f"[foi {token}]"


def with_marker(subject: str, token: str) -> str:
    """The subject with the token's marker once at its end."""
    if any(normalise(t) == token for t in SUBJECT_RE.findall(subject)):
        return subject
    return f"{subject} {subject_marker(token)}".strip()


def strip_markers(subject: str) -> str:
    return " ".join(SUBJECT_RE.sub(" ", subject).split())


def tokens_in(subject: str, recipients) -> list[str]:
    """The tokens a message carries, in its addresses then its subject."""
    found = [normalise(t) for r in recipients for t in PLUS_RE.findall(r or "")]
    found += [normalise(t) for t in SUBJECT_RE.findall(subject or "")]
    return list(dict.fromkeys(found))


def near(token: str, known) -> list[str]:
    """Known tokens one character away from ``token`` (a copying slip)."""
    out = []
    for k in known:
        if len(k) == len(token) and sum(a != b for a, b in zip(k, token)) == 1:
            out.append(k)
    return out
