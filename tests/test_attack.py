"""The attack suite of issue 14 (tests/attack/): a short version of each
harness here; the long version with ``pytest -m slow tests/test_attack.py``
(or ``python tests/attack --long``, which prints the figures)."""

from __future__ import annotations

import attack
import pytest

pytestmark = pytest.mark.usefixtures("isolated")


def test_random_kills_lose_nothing_saved(tmp_path):
    figures = attack.random_kills(tmp_path, rounds=1)
    assert figures["kills"] >= 1


def test_a_kill_at_sampled_system_calls_of_the_locked_window(tmp_path):
    figures = attack.syscall_kills(tmp_path, every=40, limit=6)
    assert figures["kills"] >= 3


def test_disk_full_and_io_errors_at_sampled_system_calls(tmp_path):
    figures = attack.disk_faults(tmp_path, every=3, limit=6)
    assert figures["faults injected"] >= 3


def test_sixteen_writers_and_a_reader(tmp_path):
    assert attack.crowd(tmp_path, writers=16, commands=1, readers=1)["commands"] == 16


def test_the_hostile_input_corpus(tmp_path):
    assert attack.hostile_inputs(tmp_path, sample=5)["hostile inputs"] > 25


@pytest.mark.slow
def test_the_long_attack_run(tmp_path):
    figures = attack.run_all(long=True, work=tmp_path)
    print(figures)
