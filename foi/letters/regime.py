"""Which law a letter is written under: the template's ``regime:`` against
the authority's (or the request's) regime."""

from __future__ import annotations

from ..domain.law import LAW
from ..errors import TemplateError
from ..vocab import Regime
from .catalog import TemplateInfo

#: Template ``regime:`` values that are not a regime (letter_templates/README.md).
AUTO, ENVIRONMENTAL, ANY = "auto", "environmental", "any"


def regime_for(info: TemplateInfo, authority_regime: str) -> str:
    """The regime a letter from template *info* is written under.

    *authority_regime* is the authority's FOI regime (``foia`` or ``foisa``);
    for follow-up templates (``regime: any``) pass the request's own regime
    (any of foia, foisa, eir, eisr, sar), which is returned unchanged.

    ``auto`` -> the authority's FOI regime; ``environmental`` -> ``eir``, or
    ``eisr`` for a Scottish body; ``sar`` -> ``sar``; an explicit foia/eir
    template for a Scottish body (or foisa/eisr for a body outside Scotland)
    is refused with a :class:`TemplateError` that says which template to use.
    """
    given = str(authority_regime or "").strip().lower()
    wanted = (info.regime or AUTO).strip().lower()
    if wanted not in Regime.TEMPLATE:
        raise TemplateError(
            f"template '{info.name}' has an unknown regime '{info.regime}'",
            hint="its first line should say regime: foia, foisa, eir, eisr, sar, auto, environmental or any",
        )
    if given not in LAW:
        raise TemplateError(
            f"cannot tell which law applies: unknown regime '{authority_regime}'",
            hint="the authority's regime must be foia or foisa",
        )
    if wanted == ANY:
        return given
    if wanted == Regime.SAR:
        return Regime.SAR
    if given == Regime.SAR:
        raise TemplateError(
            f"template '{info.name}' is for Freedom of Information or environmental "
            "requests, but this is a subject access request",
            hint="use the `sar` template or a follow-up template",
        )
    scottish = given in Regime.SCOTTISH
    if wanted == AUTO:
        return Regime.FOISA if scottish else Regime.FOIA
    if wanted == ENVIRONMENTAL:
        return Regime.EISR if scottish else Regime.EIR
    if LAW[wanted]["scottish"] == scottish:
        return wanted
    raise _wrong_act(info, wanted, scottish)


def _wrong_act(info: TemplateInfo, wanted: str, scottish: bool) -> TemplateError:
    """The error for a template that cites the other nation's law."""
    wrong = LAW[wanted]
    if wrong["environmental"]:
        right = LAW[Regime.EISR if scottish else Regime.EIR]
        better = "`eir` (it picks the right Regulations)"
    else:
        right = LAW[Regime.FOISA if scottish else Regime.FOIA]
        better = "`foi` (it picks the right Act) or `" + (Regime.FOISA if scottish else Regime.FOIA) + "`"
    where = "a Scottish public authority" if scottish else "not a Scottish public authority"
    return TemplateError(
        f"template '{info.name}' cites the {wrong['act']}, but this authority is {where}, "
        f"covered by the {right['act']}",
        hint=f"use the {better} template",
    )
