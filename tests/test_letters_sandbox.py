"""The sandbox letter templates run in: what they cannot reach, and the work
they may do (issue 14.5: a render is bounded in processor time too)."""

from __future__ import annotations

import pytest
from letter_context import context, write

from foi import letters
from foi.errors import TemplateError
from foi.letters import limits

UNSAFE = {
    "mro": "{{ ''.__class__.__mro__ }}",
    "globals": "{{ cycler.__init__.__globals__ }}",
    "attr": "{{ requester|attr('__class__') }}",
    "subclasses": "{{ ().__class__.__base__.__subclasses__() }}",
    "format": "{{ '{0.__class__}'.format(1) }}",
}

TOO_MUCH = {
    "range": "{% for i in range(10**9) %}x{% endfor %}",
    "nested": "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
    "mul": "{{ 'x' * 10**9 }}",
    "output": "{% for i in range(5000) %}{{ 'x' * 100 }}{% endfor %}",
    "center": "{{ 'x'|center(1000000000) }}",
    "method": "{{ 'x'.ljust(1000000000) }}",
    "percent": "{{ '%0999999999d' % 1 }}",
    "replace": "{% set s = 'a' * 100000 %}{{ s|replace('a', s) }}",
    "doubling": "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "buffered": "{% filter upper %}{% for i in range(9000) %}{{ 'x' * 190000 }}{% endfor %}{% endfilter %}",
    "power": "{% set ns = namespace(n=10) %}{% for i in range(64) %}{% set ns.n = ns.n ** 2 %}{% endfor %}",
}


@pytest.mark.parametrize("key", sorted(UNSAFE))
def test_sandbox_blocks_internals(tmp_path, key):
    write(tmp_path, "evil", UNSAFE[key])
    with pytest.raises(TemplateError) as e:
        letters.render("evil", context(), user_dir=tmp_path)
    assert "unsafe" in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("path", ["/etc/passwd", "../../../../etc/passwd", "../foi.txt.j2", "README.md", ".hidden"])
def test_templates_cannot_read_files(tmp_path, path):
    (tmp_path / ".hidden").write_text("secret")
    write(tmp_path / "tpl", "evil", "{% include '" + path + "' %}")
    with pytest.raises(TemplateError) as e:
        letters.render("evil", context(), user_dir=tmp_path / "tpl")
    assert "not a template" in str(e.value)


def test_symlink_out_of_the_folder_is_ignored(tmp_path):
    outside = tmp_path / "outside.txt.j2"
    outside.write_text("SECRET")
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "link.txt.j2").symlink_to(outside)
    assert "link" not in [i.name for i in letters.list_templates(folder)]
    write(folder, "evil", "{% include 'link' %}")
    with pytest.raises(TemplateError):
        letters.render("evil", context(), user_dir=folder)


@pytest.mark.parametrize("key", sorted(TOO_MUCH))
def test_work_is_bounded(tmp_path, key):
    write(tmp_path, "heavy", TOO_MUCH[key])
    with pytest.raises(TemplateError) as e:
        letters.render("heavy", context(), user_dir=tmp_path)
    assert "too much work" in str(e.value) and "'heavy'" in str(e.value)


def test_endless_recursion_is_an_error(tmp_path):
    write(tmp_path, "loop", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}")
    with pytest.raises(TemplateError):
        letters.render("loop", context(), user_dir=tmp_path)
    write(tmp_path, "self", "{% include 'self' %}")
    with pytest.raises(TemplateError):
        letters.render("self", context(), user_dir=tmp_path)


def test_other_runtime_errors_are_template_errors(tmp_path):
    write(tmp_path, "div", "{{ 1 / 0 }}")
    with pytest.raises(TemplateError) as e:
        letters.render("div", context(), user_dir=tmp_path)
    assert "ZeroDivisionError" in str(e.value)
    write(tmp_path, "date", "{{ 'soon'|ukdate }}")
    with pytest.raises(TemplateError):
        letters.render("date", context(), user_dir=tmp_path)


def test_ordinary_template_features_still_work(tmp_path):
    write(
        tmp_path,
        "ok",
        "{% for e in request.timeline %}{{ loop.index }}/{{ loop.length }} "
        "{{ e.date|ukdate }}; {% endfor %}{{ '%s-%d' % ('a', 3) }} "
        "{{ '{} {}'.format(1, 2) }} {{ ['a', 'b']|join(', ') }}",
    )
    out = letters.render("ok", context(), user_dir=tmp_path)
    assert out == ("1/3 1 October 2026; 2/3 2 November 2026; 3/3 3 November 2026; a-3 1 2 a, b")


def test_context_objects_are_reduced_to_plain_data(tmp_path):
    class Secretive:
        def delete_everything(self):  # pragma: no cover - must never be reachable
            raise AssertionError("called")

        def __str__(self):
            return "secretive"

    write(tmp_path, "obj", "{{ thing }}")
    assert letters.render("obj", context(thing=Secretive()), user_dir=tmp_path) == "secretive"
    write(tmp_path, "obj2", "{{ thing.delete_everything() }}")
    with pytest.raises(TemplateError):
        letters.render("obj2", context(thing=Secretive()), user_dir=tmp_path)


def test_processor_time_is_bounded_and_the_error_names_the_template(tmp_path, monkeypatch):
    """Work inside every other limit (the attack's 2-line template took 113 s
    and held the store's lock): stopped by the processor-time budget."""
    write(
        tmp_path,
        "slow",
        "{% for i in range(10000) %}{% for j in range(9) %}{{ i|string|length }}{% endfor %}{% endfor %}",
    )
    assert len(letters.render("slow", context(), user_dir=tmp_path)) > 0  # within every limit
    monkeypatch.setattr(limits, "MAX_CPU_SECONDS", 0.0)  # no processor time at all: no clock in the test
    with pytest.raises(TemplateError) as e:
        letters.render("slow", context(), user_dir=tmp_path)
    assert str(e.value).startswith("template 'slow' tried to do too much work and was stopped")
    assert "seconds of processing" in str(e.value)
