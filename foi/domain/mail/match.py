"""Which request an incoming message belongs to.

In this order (the issue's; Alaveteli's and Froide's users complain most of
the replies their matchers miss, so every way a reply can carry its request
back is tried before giving up):

1. ``In-Reply-To`` / ``References`` naming a Message-ID we sent (for a bounce,
   the Message-ID of our message quoted inside it);
2. the request's token, in a plus-address anywhere the message was delivered
   (To, Cc, Delivered-To, Received ... for <...>: a reply sent by Bcc) or in
   the ``[foi <token>]`` marker of the subject;
3. the authority's own reference, once learnt from its acknowledgement, when
   it names one request (or one request of the sender's domain);
4. otherwise nothing is filed: the sender's domain plus the likeness of the
   subject give a *suggestion* for `foi mail inbox`, never a match.

A message naming the tokens of several requests (one answer to several
requests) belongs to each of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .classify import candidate_refs, normalise_ref
from .model import Incoming, domain_of
from .token import near, strip_markers, token_for, tokens_in

THREAD = "thread"
TOKEN = "token"
REFERENCE = "reference"


def norm_id(message_id: str) -> str:
    return message_id.strip().strip("<>").strip().lower()


@dataclass
class MatchIndex:
    """What is known about the requests, built once per fetch."""

    by_message_id: dict[str, str] = field(default_factory=dict)
    by_token: dict[str, list[str]] = field(default_factory=dict)
    by_ref: dict[str, list[str]] = field(default_factory=dict)
    by_domain: dict[str, list[str]] = field(default_factory=dict)
    subjects: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)

    def add_request(self, req: Mapping) -> None:
        uid = req.get("uid")
        if not uid:
            return
        self.by_token.setdefault(token_for(uid), []).append(uid)
        self.subjects[uid] = req.get("subject") or ""
        domain = domain_of(req.get("to_email") or "")
        if domain:
            self.domains[uid] = domain
            self.by_domain.setdefault(domain, []).append(uid)
        for e in req.get("events", ()):
            if e.get("message_id"):  # ours, or one of theirs already filed here
                self.by_message_id.setdefault(norm_id(e["message_id"]), uid)
            sending = e.get("sending") if isinstance(e.get("sending"), Mapping) else {}
            for mid in [
                sending.get("message_id"),
                *sending.get("earlier_message_ids", ()),
                *e.get("earlier_message_ids", ()),
            ]:
                if mid:
                    self.by_message_id[norm_id(mid)] = uid
            if e.get("ref"):
                self.learn_ref(uid, e["ref"])

    def learn_ref(self, uid: str, ref: str) -> None:
        key = normalise_ref(ref)
        if key and uid not in self.by_ref.setdefault(key, []):
            self.by_ref[key].append(uid)

    def learn_message_id(self, uid: str, message_id: str) -> None:
        """A message filed against ``uid``: later replies quoting it follow."""
        if message_id:
            self.by_message_id.setdefault(norm_id(message_id), uid)


def build_index(requests: Iterable[Mapping]) -> MatchIndex:
    index = MatchIndex()
    for req in requests:
        index.add_request(req)
    return index


@dataclass(frozen=True)
class Match:
    uids: tuple[str, ...] = ()  # the requests it belongs to; () = the inbox
    how: str = ""  # THREAD, TOKEN or REFERENCE
    guess: str | None = None  # a request's uid suggested for the inbox
    why: str = ""  # how it matched, or why that guess


def match(m: Incoming, index: MatchIndex) -> Match:
    return _by_thread(m, index) or _by_token(m, index) or _by_reference(m, index) or _suggest(m, index)


def _by_thread(m: Incoming, index: MatchIndex) -> Match | None:
    for mid in [*m.in_reply_to, *reversed(m.references), *m.embedded_ids]:
        uid = index.by_message_id.get(norm_id(mid))
        if uid is not None:
            return Match((uid,), THREAD, why=f"a reply to our message <{norm_id(mid)}>")
    return None


def _by_token(m: Incoming, index: MatchIndex) -> Match | None:
    found = tokens_in(m.subject, m.recipients) + tokens_in(m.embedded_subject, ())
    uids: list[str] = []
    for t in dict.fromkeys(found):
        owners = index.by_token.get(t, [])
        if len(owners) == 1 and owners[0] not in uids:
            uids.append(owners[0])
    if uids:
        return Match(tuple(uids), TOKEN, why="its token " + ", ".join(found))
    return None


def _by_reference(m: Incoming, index: MatchIndex) -> Match | None:
    if not index.by_ref:
        return None
    sender = domain_of(m.from_addr)
    for ref in sorted(candidate_refs(m.subject, m.text)):
        owners = index.by_ref.get(ref)
        if not owners:
            continue
        if len(owners) > 1:
            owners = [u for u in owners if index.domains.get(u) == sender] or owners
        if len(owners) == 1:
            return Match((owners[0],), REFERENCE, why=f"the authority's reference {ref}")
    return None


# -- suggestions for the inbox ---------------------------------------------

_WORD = re.compile(r"[a-z0-9]{3,}")
_NOISE = {"re", "fw", "fwd", "foi", "request", "freedom", "information", "the", "and", "for", "your", "our"}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(strip_markers(text).lower()) if w not in _NOISE}


def _suggest(m: Incoming, index: MatchIndex) -> Match:
    known = [t for t in index.by_token]
    for t in tokens_in(m.subject, m.recipients):
        close = [u for k in near(t, known) for u in index.by_token[k]]
        if len(close) == 1:
            return Match(guess=close[0], why=f"its token {t} is one character from this request's")
    sender = domain_of(m.from_addr)
    candidates = index.by_domain.get(sender, [])
    if not candidates:
        return Match(why=f"nothing we sent went to {sender or 'its sender'}")
    words = _words(m.subject)
    best, best_score = None, 0.0
    for uid in candidates:
        theirs = _words(index.subjects.get(uid, ""))
        score = len(words & theirs) / len(words | theirs) if words | theirs else 0.0
        if score > best_score:
            best, best_score = uid, score
    if best is not None and best_score >= 0.3:
        return Match(guess=best, why=f"from {sender}, and its subject is like this request's")
    if len(candidates) == 1:
        return Match(guess=candidates[0], why=f"the only request sent to {sender}")
    return Match(why=f"{len(candidates)} requests went to {sender}; the subject matches none of them")
