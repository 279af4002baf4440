"""The one vocabulary: every name is defined once and the modules that map
names to something else (calendars, the stage engine) agree with it."""

from __future__ import annotations

from datetime import date

from foi import vocab
from foi.dates import human, human_long
from foi.domain.calendars import OVERRIDE_NATIONS
from foi.domain.clock import assess
from foi.vocab import Event, LetterKind, Nation, Regime, Stage


def _namespaces():
    return [v for v in vars(vocab).values() if isinstance(v, type) and v.__module__ == vocab.__name__]


def test_every_namespace_lists_each_of_its_names_once():
    for ns in _namespaces():
        names = [v for k, v in vars(ns).items() if k.isupper() and isinstance(v, str) and k != "DEFAULT"]
        assert len(ns.ALL) == len(set(ns.ALL)), ns.__name__
        assert set(names) <= set(ns.ALL) | {getattr(ns, "PARTIAL", None)}, ns.__name__


def test_names_are_plain_strings_so_stored_json_is_unchanged():
    assert type(Event.SENT) is str and Event.SENT == "sent"
    assert type(Stage.AWAITING_RESPONSE) is str and f"{Stage.AWAITING_RESPONSE}" == "awaiting-response"


def test_holiday_nations_are_the_calendar_overrides():
    assert tuple(OVERRIDE_NATIONS) == Nation.HOLIDAY


def test_derived_stages_are_in_the_vocabulary():
    sent = [{"type": Event.SENT, "date": "2026-11-02"}]
    for regime in Regime.ALL:
        for events in ([], sent, sent + [{"type": Event.RESPONSE, "date": "2026-11-20", "outcome": "granted"}]):
            assert assess(regime, Nation.DEFAULT, events, date(2026, 12, 1)).stage in Stage.ALL


def test_template_kinds_add_only_partial():
    assert set(LetterKind.TEMPLATE) - set(LetterKind.ALL) == {LetterKind.PARTIAL}


def test_one_date_formatter_for_people():
    assert human(date(2026, 11, 2)) == "Mon 2 Nov 2026"
    assert human(None) == "-"
    assert human_long(date(2026, 11, 2)) == "2 November 2026"
