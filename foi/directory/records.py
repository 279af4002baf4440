"""Authority records: the fields, ids (slugs), validation and inference of kind / nation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from foi.errors import UsageError
from foi.vocab import AuthorityKind, Nation, Regime

#: The shipped columns.  ``email_note`` is what a campaigner should know about
#: the FOI address, or about why there is none (e.g. the body's FOI page offers
#: only an online form); it belongs to the address and goes when it changes.
FIELDS = (
    "id",
    "name",
    "kind",
    "nation",
    "regime",
    "ods_code",
    "gss_code",
    "police_api_id",
    "wdtk_url_name",
    "home_page",
    "foi_email",
    "email_verified",
    "email_source",
    "email_checked",
    "email_note",
    "tags",
)
#: Fields a record may carry beyond the shipped columns: ``email_status`` is
#: ``"bouncing"`` once mail to the address has bounced (set by ``foi mail``),
#: else empty.
RECORD_FIELDS = (*FIELDS, "email_status")

#: Kinds, nations and laws of an authority: the names are in :mod:`foi.vocab`.
KINDS = AuthorityKind.ALL
#: ``uk`` is for UK-wide bodies (British Transport Police, MoD Police, CNC).
NATIONS = Nation.ALL
#: ``foia``: Freedom of Information Act 2000; ``foisa``: Freedom of Information (Scotland) Act 2002.
REGIMES = Regime.AUTHORITY
EMAIL_VERIFIED = ("yes", "no", "")

SHIPPED_FILE = "authorities.csv"

_NATION_ALIASES = {
    "ni": "northern_ireland",
    "n_ireland": "northern_ireland",
    "united_kingdom": "uk",
    "gb": "uk",
    "great_britain": "uk",
    "scottish": "scotland",
    "welsh": "wales",
    "english": "england",
}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
_TAG_SPLIT = re.compile(r"[;,\s]+")
# Lone surrogates (undecodable bytes kept by errors="surrogateescape") and
# U+FFFD (bytes replaced by errors="replace") both mean the file was not UTF-8.
_NOT_UTF8 = re.compile("[\ud800-\udfff\ufffd]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# ---------------------------------------------------------------------------
# slugs and small helpers


def slugify(name: str) -> str:
    """The id rule of the reference data.

    Lowercase; accents removed; ``&`` becomes "and"; apostrophes dropped; every
    other run of non-alphanumerics becomes one ``-``; no leading/trailing ``-``.
    ``"South West London and St George's Mental Health NHS Trust"`` ->
    ``"south-west-london-and-st-georges-mental-health-nhs-trust"``.
    May return ``""`` (for a name with no letters or digits).
    """
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("&", " and ")
    text = re.sub(r"['\u2018\u2019`]", "", text)
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


def _text(value: object) -> str:
    """A field value as a clean one-line string ('' for None)."""
    if value is None:
        return ""
    from ..domain.safe_text import clean_line

    return " ".join(clean_line(str(value)).split())  # no escape sequences from an imported file


def _tags(value: object) -> list[str]:
    """Tags from a list or a string separated by ``;``, ``,`` or spaces; order kept, no repeats."""
    if value is None:
        return []
    items: Iterable[object]
    if isinstance(value, str):
        items = _TAG_SPLIT.split(value)
    elif isinstance(value, Iterable):
        items = value
    else:
        items = [value]
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        for tag in _TAG_SPLIT.split(_text(item)):
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                out.append(tag)
    return out


def tag_key(tag: str) -> str:
    """A tag as compared: case, hyphens and underscores do not matter (``Mental-Health`` = ``mental_health``)."""
    return tag.casefold().replace("-", "_")


def _match_key(text: str) -> str:
    """Name form for loose matching: casefolded, & -> and, punctuation gone, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"['\u2018\u2019`]", "", text)
    text = re.sub(r"[^\w]+|_", " ", text)
    return " ".join(text.split())


def _match_key_no_and(text: str) -> str:
    return " ".join(w for w in _match_key(text).split() if w != "and")


# ---------------------------------------------------------------------------
# inference (for imports and hand-added records without kind / nation)


def infer_nation(name: str, tags: Iterable[str] = ()) -> str:
    """Nation from tags, else from the name; ``england`` when nothing says otherwise."""
    for tag in tags:
        t = tag.casefold().replace("-", "_")
        if "northern_ireland" in t or t == "ni" or t.startswith("ni_"):
            return "northern_ireland"
        if "scotland" in t or "scottish" in t:
            return "scotland"
        if "wales" in t or "welsh" in t:
            return "wales"
    words = set(_match_key(name).split())
    if "northern ireland" in _match_key(name) or re.search(r"\bNI\b", name):
        return "northern_ireland"
    if words & {"scotland", "scottish"}:
        return "scotland"
    if words & {"wales", "welsh"}:
        return "wales"
    return "england"


def infer_kind(tags: Iterable[str], nation: str = "england") -> str:
    """Kind from WhatDoTheyKnow-style tags, only where they make it obvious; else ``other``."""
    t = {tag.casefold().replace("-", "_") for tag in tags}
    if t & {"police_force", "police_forces"} or (
        "police" in t and not t & {"pcc", "police_and_crime_commissioner", "police_authority"}
    ):
        return "police_force"
    if t & {"mental_health_trust", "mental_health_trusts", "mental_health"}:
        return "mental_health_trust"
    if t & {"health_board", "health_boards", "scottish_health_board", "local_health_board"}:
        return "health_board"
    if t & {"nhs_trust", "nhstrust", "nhs_trusts", "foundation_trust", "nhs_foundation_trust"}:
        return "nhs_trust"
    if t & {"council", "local_council", "councils"}:
        return "council"
    return "other"


# ---------------------------------------------------------------------------
# records


def _choice(field: str, value: str, allowed: tuple[str, ...], aliases: dict[str, str] | None = None) -> str:
    key = value.casefold().replace("-", "_").replace(" ", "_")
    key = (aliases or {}).get(key, key)
    if key not in allowed:
        raise UsageError(
            f"unknown {field} '{value}'",
            hint="use one of: " + ", ".join(allowed),
        )
    return key


def normalise_record(rec: dict) -> dict:
    """Validate a user-supplied record and fill in what can be derived.

    Accepts any subset of :data:`FIELDS` (other keys are dropped); values may be
    ``None``.  Returns a new dict with exactly :data:`FIELDS`:

    * ``name`` required (whitespace collapsed);
    * ``id`` = :func:`slugify` of the name when missing, else must already be a slug;
    * ``tags`` a list (from a list or a ``;``/``,``/space separated string);
    * ``nation`` from the value (``"Northern Ireland"``, ``NI``... accepted) or
      inferred from tags/name (:func:`infer_nation`);
    * ``kind`` from the value or inferred from tags (:func:`infer_kind`);
    * ``regime`` from the value, else ``foisa`` for Scotland and ``foia`` otherwise;
    * ``email_verified`` ``yes``/``no`` (also true/false...); defaults to ``no``
      when there is an email, and is ``""`` when there is none.

    Raises :class:`foi.errors.UsageError` naming the bad value.
    """
    if not isinstance(rec, dict):
        raise UsageError("an authority must be a set of named fields")
    out: dict = {f: _text(rec.get(f)) for f in RECORD_FIELDS if f != "tags"}
    out["tags"] = _tags(rec.get("tags"))
    if not out["name"]:
        raise UsageError("an authority needs a name", hint="give the full name, e.g. 'Kent Police'")
    out["id"] = _normalise_id(out["id"], out["name"])
    if out["nation"]:
        out["nation"] = _choice("nation", out["nation"], NATIONS, _NATION_ALIASES)
    else:
        out["nation"] = infer_nation(out["name"], out["tags"])
    if out["kind"]:
        out["kind"] = _choice("kind", out["kind"], KINDS)
    else:
        out["kind"] = infer_kind(out["tags"], out["nation"])
    if out["regime"]:
        out["regime"] = _choice("regime", out["regime"], REGIMES)
    else:
        out["regime"] = "foisa" if out["nation"] == "scotland" else "foia"
    out["foi_email"], out["email_verified"] = _normalise_email(out["foi_email"], out["email_verified"])
    if out["email_checked"] and not _ISO_DATE.match(out["email_checked"]):
        raise UsageError(
            f"email_checked must be a date written YYYY-MM-DD, not '{out['email_checked']}'",
            hint="it is the day the address was read on the source page",
        )
    return out


def _normalise_id(aid: str, name: str) -> str:
    if aid:
        if slugify(aid) != aid:
            raise UsageError(
                f"bad authority id '{aid}'",
                hint=f"ids are lowercase letters, digits and single hyphens, e.g. '{slugify(aid) or 'kent-police'}'",
            )
        return aid
    aid = slugify(name)
    if not aid:
        raise UsageError(
            f"cannot make an id from the name '{name}'",
            hint="give an id made of lowercase letters, digits and hyphens",
        )
    return aid


def check_email(email: str) -> str:
    """The address, whitespace trimmed, or :class:`UsageError` when it is not one."""
    email = _text(email)
    if not _EMAIL.match(email):
        raise UsageError(
            f"'{email}' does not look like an email address",
            hint="give it as name@example.gov.uk",
        )
    return email


def _normalise_email(email: str, verified: str) -> tuple[str, str]:
    if not email:
        return "", ""
    email = check_email(email)
    flag = verified.casefold()
    if flag in _YES:
        return email, "yes"
    if flag in _NO or not flag:
        return email, "no"
    raise UsageError(f"email_verified must be yes or no, not '{verified}'")
