"""Working-day calendars for the statutory time limits (pure, no I/O).

Which days count (LAW.md, "Which law applies"):

* FOIA and EIR: every day except Saturday, Sunday, Christmas Day, Good Friday
  and a bank holiday in **any** part of the United Kingdom -- FOIA s.10(6),
  applied to the EIR by reg 2(1).  So the union of the England, Wales,
  Scotland and Northern Ireland bank holidays.
* FOISA and EISR: every day except Saturday, Sunday, Christmas Day and a bank
  holiday **in Scotland** -- FOISA s.73, applied to the EISR by reg 2(1).
* SAR (UK GDPR Art. 12(3)): a deadline that falls on a weekend or a bank
  holiday moves to the next working day, using the bank holidays of the
  nation where the authority is (ICO right of access guidance).  UK-wide
  bodies (British Transport Police, MoD Police, Civil Nuclear Constabulary)
  are assumed to be headquartered in England.

Bank holidays come from :mod:`foi.domain.holiday_table` (generated from the
``holidays`` package for 2000-2045).  Only for a date outside that range is
``holidays`` imported, lazily.  Users can add a newly proclaimed holiday, or
remove one, through config overrides (:class:`Calendars`).

Everything is precomputed: the sorted ordinals of the working days and, for
each day, how many working days there are up to it, so that counting and
adding working days are two list lookups (O(1)).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from itertools import accumulate, compress

from ..errors import FoiError, UsageError
from ..vocab import Nation

SUBDIVS = ("ENG", "WLS", "SCT", "NIR")
SUBDIV_NAMES = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}

#: Override ``nation`` -> the subdivisions it touches.
OVERRIDE_NATIONS = {
    "all": SUBDIVS,
    Nation.ENGLAND: ("ENG",),
    Nation.WALES: ("WLS",),
    Nation.SCOTLAND: ("SCT",),
    Nation.NORTHERN_IRELAND: ("NIR",),
}

#: The authority's nation -> the bank holidays used to roll a SAR deadline forward.
SAR_SUBDIV = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR", "uk": "ENG"}

_WEEKEND = {6: "Saturday", 0: "Sunday"}  # ordinal % 7 (date(1, 1, 1) is a Monday, ordinal 1)
_WEEK = [0, 1, 1, 1, 1, 1, 0]  # by ordinal % 7: 1 Monday to Friday


def _join(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


# ---------------------------------------------------------------------------
# Raw holiday data: subdivision -> {ordinal: name}


_TABLE: dict[str, dict[int, str]] | None = None
_TABLE_RANGE: tuple[int, int] = (0, 0)


def _table() -> dict[str, dict[int, str]]:
    global _TABLE, _TABLE_RANGE
    if _TABLE is None:
        from . import holiday_table as ht

        fromiso = date.fromisoformat
        _TABLE = {sub: {fromiso(iso).toordinal(): name for iso, name in rows} for sub, rows in ht.HOLIDAYS.items()}
        _TABLE_RANGE = (ht.FIRST_YEAR, ht.LAST_YEAR)
    return _TABLE


def table_range() -> tuple[int, int]:
    """The first and last year covered by the precomputed table."""
    _table()
    return _TABLE_RANGE


_FALLBACK_CACHE: dict[tuple[str, int], dict[int, str]] = {}


def _fallback_year(sub: str, year: int) -> dict[int, str]:
    """Holidays of one subdivision for a year outside the table (imports ``holidays``)."""
    key = (sub, year)
    got = _FALLBACK_CACHE.get(key)
    if got is None:
        import holidays  # lazily: only for dates outside the table

        h = holidays.UnitedKingdom(subdiv=sub, years=[year])
        got = {d.toordinal(): str(n) for d, n in h.items()}
        _FALLBACK_CACHE[key] = got
    return got


def _subdiv_holidays(sub: str, y0: int, y1: int) -> dict[int, str]:
    t = _table()
    f, l = _TABLE_RANGE
    lo, hi = date(y0, 1, 1).toordinal(), date(y1, 12, 31).toordinal()
    out = {o: n for o, n in t[sub].items() if lo <= o <= hi}
    for y in range(y0, y1 + 1):
        if y < f or y > l:
            out.update(_fallback_year(sub, y))
    return out


# ---------------------------------------------------------------------------
# Working calendar


def _reason(rows: list[tuple[str, str, bool]]) -> str:
    """Why a holiday does not count, from its (subdivision, name, added by your config) rows."""
    added = [n for _, n, a in rows if a]
    if added:
        return "added in your config: " + added[0]
    if rows[0][0] == "":
        return rows[0][1]
    by_name: dict[str, list[str]] = {}
    for s, n, _ in rows:
        by_name.setdefault(n, []).append(SUBDIV_NAMES[s])
    return "; ".join(f"bank holiday in {_join(where)}: {n}" for n, where in by_name.items())


class WorkingCalendar:
    """A set of working days: which days count towards a time limit.

    ``name`` says which calendar it is and under which statute.  Counting and
    adding working days look up two precomputed lists (the working days, and
    how many there are up to each day); outside the precomputed range the
    calendar extends itself (importing ``holidays`` lazily).
    """

    __slots__ = ("name", "key", "_loader", "_y0", "_y1", "_lo", "_hi", "_wd", "_upto", "_hol")

    def __init__(
        self,
        name: str,
        loader: Callable[[int, int], dict[int, list]],
        years: tuple[int, int] | None = None,
        key: object = None,
    ):
        self.name = name
        self.key = key
        self._loader = loader
        self._wd: list[int] = []
        self._upto: list[int] = []
        self._hol: dict[int, list] = {}
        self._y0 = self._y1 = None
        self._lo, self._hi = 1, 0  # nothing built yet: the first question builds the years around it
        if years:
            self._build(*years)

    def _build(self, y0: int, y1: int) -> None:
        hol = self._loader(y0, y1)
        lo, hi = date(y0, 1, 1).toordinal(), date(y1, 12, 31).toordinal()
        size, s = hi - lo + 1, lo % 7
        flags = (_WEEK[s:] + _WEEK[:s]) * (size // 7 + 1)  # flags[i]: 1 if lo + i is a weekday
        del flags[size:]
        for o in hol:
            if lo <= o <= hi:
                flags[o - lo] = 0
        self._wd = list(compress(range(lo, hi + 1), flags))  # the working days, in order
        self._upto = list(accumulate(flags))  # _upto[o - lo]: how many working days are <= o
        self._hol = hol
        self._y0, self._y1, self._lo, self._hi = y0, y1, lo, hi

    def renamed(self, name: str) -> WorkingCalendar:
        """The same days under another name (EIR shares FOIA's days)."""
        new = object.__new__(WorkingCalendar)
        for slot in WorkingCalendar.__slots__:
            object.__setattr__(new, slot, getattr(self, slot))
        new.name = name
        return new

    def _extend(self, lo_ord: int, hi_ord: int) -> None:
        """Build the years that cover ``lo_ord`` to ``hi_ord``: a few either side, within the
        precomputed table while they are in it (beyond it, ``holidays`` is imported)."""
        first, last = table_range()
        y_lo = date.fromordinal(max(lo_ord, 1)).year
        y_hi = date.fromordinal(min(hi_ord, date.max.toordinal())).year
        y0 = max(y_lo - 2, first) if y_lo >= first else y_lo - 1
        y1 = min(y_hi + 3, last) if y_hi <= last else y_hi + 1
        if self._y0 is not None:
            y0, y1 = min(self._y0, y0), max(self._y1, y1)
        y0, y1 = max(y0, 1), min(y1, 9998)
        if (y0, y1) == (self._y0, self._y1):
            raise FoiError("date out of the supported range for working-day counting")
        self._build(y0, y1)

    # -- queries -------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        o = d.toordinal()
        if not (self._lo <= o <= self._hi):
            self._extend(o, o)
        return 0 < o % 7 < 6 and o not in self._hol

    def skip_reason(self, d: date) -> str | None:
        """Why ``d`` is not a working day, or None if it is one."""
        o = d.toordinal()
        if not (self._lo <= o <= self._hi):
            self._extend(o, o)
        wk = _WEEKEND.get(o % 7)
        if wk:
            return wk
        rows = self._hol.get(o)
        return _reason(rows) if rows else None

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (``d`` is day 0, need not be a working day)."""
        if n <= 0:
            if n == 0:
                return d
            raise ValueError("n must be >= 0")
        o = d.toordinal()
        while True:
            if self._lo <= o <= self._hi:
                i = self._upto[o - self._lo] + n - 1
                if i < len(self._wd):
                    return date.fromordinal(self._wd[i])
            self._extend(o, o + n * 2 + 30)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; the negative of those in (b, a] if b < a."""
        oa, ob = a.toordinal(), b.toordinal()
        lo = self._lo
        if oa < lo or ob < lo or oa > self._hi or ob > self._hi:
            self._extend(min(oa, ob), max(oa, ob))
            lo = self._lo
        upto = self._upto
        return upto[ob - lo] - upto[oa - lo]

    def next_working_day_on_or_after(self, d: date) -> date:
        o = d.toordinal()
        while True:
            wd = self._wd
            if o >= self._lo:
                i = bisect_left(wd, o)
                if i < len(wd):
                    return date.fromordinal(wd[i])
            self._extend(o, o + 30)

    def skipped_between(self, a: date, b: date) -> list[tuple[date, str]]:
        """Non-working days in (a, b] with their reasons (for explanations)."""
        out = []
        for o in range(a.toordinal() + 1, b.toordinal() + 1):
            r = self.skip_reason(date.fromordinal(o))
            if r:
                out.append((date.fromordinal(o), r))
        return out

    def __repr__(self) -> str:
        return f"WorkingCalendar({self.name!r})"


# ---------------------------------------------------------------------------
# Overrides and the set of calendars


def _parse_overrides(overrides: Iterable[Mapping]) -> tuple[tuple[int, str, tuple[str, ...], str], ...]:
    out = []
    for i, ov in enumerate(overrides or ()):
        where = f"holiday override #{i + 1}"
        if not isinstance(ov, Mapping):
            raise UsageError(f"{where}: expected a table with date, action, nation, name")
        raw = ov.get("date")
        try:
            d = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        except ValueError:
            raise UsageError(f"{where}: not an ISO date: {raw!r}", "use a date like 2027-06-14") from None
        action = str(ov.get("action", "add")).lower()
        if action not in ("add", "remove"):
            raise UsageError(f"{where}: action must be 'add' or 'remove', not {action!r}")
        nation = str(ov.get("nation", "all")).lower().replace(" ", "_").replace("-", "_")
        if nation not in OVERRIDE_NATIONS:
            raise UsageError(f"{where}: nation must be one of {', '.join(OVERRIDE_NATIONS)}, not {nation!r}")
        name = str(ov.get("name") or "holiday")
        out.append((d.toordinal(), action, OVERRIDE_NATIONS[nation], name))
    return tuple(out)


_SHARED: dict[tuple, tuple[dict, dict]] = {}


class Calendars:
    """The working calendars, with the user's config overrides applied.

    ``overrides`` is a sequence of dicts such as
    ``{"date": "2027-06-14", "action": "add", "nation": "scotland", "name": "..."}``
    (``action`` add|remove, ``nation`` all|england|wales|scotland|northern_ireland).
    An addition in Scotland stops the FOISA/EISR clock, the FOIA/EIR clock (a
    bank holiday in any part of the UK) and SAR deadlines of Scottish bodies;
    one in England only FOIA/EIR and SAR of English (and UK-wide) bodies.
    Christmas Day (and, for FOIA/EIR, Good Friday) cannot be removed: the
    statutes name them.
    """

    def __init__(self, overrides: Sequence[Mapping] = ()):
        self.overrides = _parse_overrides(overrides)
        # Calendars with the same overrides share their built calendars, so that
        # making a Calendars per command (or per request) costs nothing.
        if len(_SHARED) > 16 and self.overrides not in _SHARED:
            plain = _SHARED.get(())  # the calendar with no overrides is always kept
            _SHARED.clear()
            if plain is not None:
                _SHARED[()] = plain
        self._cache, self._fast = _SHARED.setdefault(self.overrides, ({}, {}))

    # Holidays of one subdivision after overrides: {ordinal: (name, added_by_config)}
    def _effective(self, sub: str, y0: int, y1: int) -> dict[int, tuple[str, bool]]:
        eff = {o: (n, False) for o, n in _subdiv_holidays(sub, y0, y1).items()}
        lo, hi = date(y0, 1, 1).toordinal(), date(y1, 12, 31).toordinal()
        for o, action, subs, name in self.overrides:
            if sub in subs and lo <= o <= hi:
                if action == "add":
                    eff[o] = (name, True)
                else:
                    eff.pop(o, None)
        return eff

    def _loader(self, subs: tuple[str, ...], protected: tuple[str, ...]):
        def load(y0: int, y1: int) -> dict[int, list[tuple[str, str, bool]]]:
            per = {s: self._effective(s, y0, y1) for s in subs}
            days: dict[int, list[tuple[str, str, bool]]] = {}
            for s in subs:
                for o, (n, added) in per[s].items():
                    days.setdefault(o, []).append((s, n, added))
            if protected:  # statutory days, whatever the config says
                for s in SUBDIVS:
                    for o, n in _subdiv_holidays(s, y0, y1).items():
                        if n in protected and o not in days:
                            days[o] = [("", n, False)]
            return days  # (each day's reason is worked out when asked for: _reason)

        return load

    def _config_note(self, subs: tuple[str, ...]) -> str:
        mine = [ov for ov in self.overrides if set(ov[2]) & set(subs)]
        if not mine:
            return ""
        add = sum(1 for ov in mine if ov[1] == "add")
        rem = len(mine) - add
        parts = []
        if add:
            parts.append(f"{add} day{'s' if add != 1 else ''} added")
        if rem:
            parts.append(f"{rem} removed")
        return " (" + " and ".join(parts) + " in your config)"

    def _get(self, key, name: str, subs: tuple[str, ...], protected: tuple[str, ...]) -> WorkingCalendar:
        cal = self._cache.get(key)
        if cal is None:
            base_key = (subs, protected)
            base = self._cache.get(base_key)
            if base is None:
                base = WorkingCalendar(name, self._loader(subs, protected), key=base_key)
                self._cache[base_key] = base
            cal = base.renamed(name + self._config_note(subs))
            cal.key = key
            self._cache[key] = cal
        return cal

    def for_regime(self, regime: str, nation: str = "england") -> WorkingCalendar:
        """The calendar whose working days count for ``regime`` (and, for SAR, ``nation``)."""
        cal = self._fast.get((regime, nation))
        if cal is None:
            cal = self._fast[(regime, nation)] = self._for_regime(regime, nation)
        return cal

    def _for_regime(self, regime: str, nation: str) -> WorkingCalendar:
        r = str(regime).lower()
        if r == "foia":
            return self._get(
                "foia",
                "FOIA s.10(6): weekends, Christmas Day, Good Friday and bank holidays in any part of the UK",
                SUBDIVS,
                ("Christmas Day", "Good Friday"),
            )
        if r == "eir":
            return self._get(
                "eir",
                "EIR reg 2(1) (FOIA s.10(6) calendar): weekends, Christmas Day, "
                "Good Friday and bank holidays in any part of the UK",
                SUBDIVS,
                ("Christmas Day", "Good Friday"),
            )
        if r == "foisa":
            return self._get(
                "foisa",
                "FOISA s.73: weekends, Christmas Day and bank holidays in Scotland",
                ("SCT",),
                ("Christmas Day",),
            )
        if r == "eisr":
            return self._get(
                "eisr",
                "EISR reg 2(1) (FOISA s.73 calendar): weekends, Christmas Day and bank holidays in Scotland",
                ("SCT",),
                ("Christmas Day",),
            )
        if r == "sar":
            return self.for_nation(nation)
        raise UsageError(f"unknown regime {regime!r}", "use one of foia, foisa, eir, eisr, sar")

    def for_nation(self, nation: str) -> WorkingCalendar:
        """The SAR roll-forward calendar: weekends and the bank holidays of the authority's nation."""
        n = str(nation).lower()
        sub = SAR_SUBDIV.get(n)
        if sub is None:
            raise UsageError(f"unknown nation {nation!r}", "use one of england, wales, scotland, northern_ireland, uk")
        if n == "uk":
            name = (
                "SAR (UK GDPR Art. 12(3)): weekends and bank holidays in England "
                "(UK-wide body, assumed headquartered in England)"
            )
        else:
            name = f"SAR (UK GDPR Art. 12(3)): weekends and bank holidays in {SUBDIV_NAMES[sub]}"
        return self._get(("sar", n), name, (sub,), ())


_DEFAULT: Calendars | None = None


def default_calendars() -> Calendars:
    """The shared calendars with no user overrides (built once, on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Calendars()
    return _DEFAULT
