"""The rules of each regime, one module each (see :mod:`.base` for what a rule is)."""

from __future__ import annotations

from ....errors import UsageError
from .base import PAUSE, RESTART, VOID, WARN, RegimeRules
from .eir import EIR
from .eisr import EISR
from .foia import FOIA
from .foisa import FOISA
from .sar import SAR

RULES: dict[str, RegimeRules] = {r.key: r for r in (FOIA, FOISA, EIR, EISR, SAR)}

__all__ = ["PAUSE", "RESTART", "RULES", "VOID", "WARN", "RegimeRules", "rules_for"]


def rules_for(regime: str) -> RegimeRules:
    r = RULES.get(regime)
    if r is None:
        raise UsageError(f"unknown regime {regime!r}", "use one of " + ", ".join(RULES))
    return r
