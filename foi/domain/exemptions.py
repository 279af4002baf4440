"""Exemptions as cited, and as counted: by Act and section (pure).

The same number means different things in different laws: FOIA s.38 is
health and safety, FOISA s.38 is personal information.  So a summary counts
an exemption under its law and section: ``FOIA s.40``, ``FOISA s.38``.

* The law is the request's regime, except that a request can be answered
  under the other regime of its family: an EIR *regulation* cited on a FOIA
  request is counted under EIR (``EIR reg.12(5)(b)``), a *section* cited on
  an EIR request under FOIA (s.39 sends environmental information to the
  EIR), and the same for FOISA/EISR.
* Sections of an Act are folded into their section (``s.40(2)`` and
  ``s40`` are both ``FOIA s.40``): a summary counts the exemption, the row
  keeps what was cited.  The Regulations put every exception in one
  regulation (EIR reg.12, EISR reg.10), so there the paragraph is the
  exception and is kept (``EIR reg.12(4)(b)``, ``EIR reg.12(5)(b)``).
* Anything else (``personal data``, a SAR's ``Sch.2 para.5``) is counted
  under its law as written, in lower case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocab import Regime

#: The short name of each regime's law, as a summary prefixes its sections.
ACT = {
    Regime.FOIA: "FOIA",
    Regime.FOISA: "FOISA",
    Regime.EIR: "EIR",
    Regime.EISR: "EISR",
    Regime.SAR: "DPA 2018",
}
#: Where a section and a regulation of each family are counted.
_SECTION_LAW = {Regime.FOIA: "FOIA", Regime.EIR: "FOIA", Regime.FOISA: "FOISA", Regime.EISR: "FOISA"}
_REGULATION_LAW = {Regime.FOIA: "EIR", Regime.EIR: "EIR", Regime.FOISA: "EISR", Regime.EISR: "EISR"}

_SECTION = re.compile(r"^(?:section|sect?\.?|s\.?|§)(\d+[a-z]?)((?:\([0-9a-z]+\))*)$")
_REGULATION = re.compile(r"^(?:regulation|regs?\.?|r\.?)(\d+)((?:\([0-9a-z]+\))*)$")


@lru_cache(maxsize=4096)  # (the same few sections, cited thousands of times in a campaign's export)
def normalise(text: str) -> str:
    """``S.40 (2)``, ``section 40(2)``, ``s 40(2)`` -> ``s40(2)``; ``Reg. 12(5)(b)`` -> ``reg12(5)(b)``."""
    t = re.sub(r"\s+", "", str(text).strip().lower())
    m = _SECTION.match(t)
    if m:
        return f"s{m.group(1)}{m.group(2)}"
    m = _REGULATION.match(t)
    if m:
        return f"reg{m.group(1)}{m.group(2)}"
    return t


@lru_cache(maxsize=4096)
def summary_key(text: str, regime: str | None) -> str:
    """The key an exemption is counted under: ``FOIA s.40``, ``EIR reg.12(5)(b)``."""
    t = normalise(text)
    regime = regime if regime in ACT else Regime.FOIA
    m = _SECTION.match(t)
    if m and regime in _SECTION_LAW:
        return f"{_SECTION_LAW[regime]} s.{m.group(1)}"
    m = _REGULATION.match(t)
    if m and regime in _REGULATION_LAW:
        return f"{_REGULATION_LAW[regime]} reg.{m.group(1)}{m.group(2)}"
    return f"{ACT[regime]} {' '.join(str(text).split()).lower()}" if t else ""


@lru_cache(maxsize=4096)
def cited(text: str, regime: str | None) -> str:
    """How a row shows one exemption: the law, then what was cited with its
    subsection (``FOIA s.40(2)``)."""
    t = normalise(text)
    regime = regime if regime in ACT else Regime.FOIA
    m = _SECTION.match(t)
    if m and regime in _SECTION_LAW:
        return f"{_SECTION_LAW[regime]} s.{m.group(1)}{m.group(2)}"
    m = _REGULATION.match(t)
    if m and regime in _REGULATION_LAW:
        return f"{_REGULATION_LAW[regime]} reg.{m.group(1)}{m.group(2)}"
    return " ".join(str(text).split())


def in_words(text: str) -> str:
    """How a letter names a cited exemption: ``s31(1)(a)`` -> ``section 31(1)(a)``,
    ``reg12(5)(b)`` -> ``regulation 12(5)(b)``; anything else as written."""
    t = normalise(text)
    m = _SECTION.match(t)
    if m:
        return f"section {m.group(1)}{m.group(2)}"
    m = _REGULATION.match(t)
    if m:
        return f"regulation {m.group(1)}{m.group(2)}"
    return " ".join(str(text).split())
