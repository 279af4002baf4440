"""The import rules of ARCHITECTURE.md, checked on the source (issue 11.7).

- ``foi/domain/`` is pure: no click, rich, tinydb or jinja2, no file, process
  or network I/O, and none of the layers above it.
- ``foi/app/`` is usable from Python: no click, no rich.
- ``foi/cli/`` uses the store only through its package's public names (no
  ``foi.store.<module>``), and never tinydb.
- The adapters (store, letters, export, mail, directory) import neither app
  nor cli.
- Only ``foi/store/`` imports tinydb; only ``foi/letters/`` imports jinja2.
- Only ``foi/store/`` writes, moves or removes files (the exceptions are
  listed with their reason in ``WRITERS_OUTSIDE_THE_STORE``).
- Only ``foi/settings.py`` reads environment variables (the exceptions are
  listed with their reason in ``ENVIRONMENT_READERS``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

FOI = Path(__file__).resolve().parents[1] / "foi"

#: Modules whose use is I/O (files, processes, network) or a layer above domain/.
DOMAIN_FORBIDDEN = {
    "click",
    "rich",
    "tinydb",
    "jinja2",
    "os",
    "pathlib",
    "shutil",
    "tempfile",
    "subprocess",
    "socket",
    "ssl",
    "smtplib",
    "imaplib",
    "urllib",
    "fcntl",
    "sqlite3",
    "foi.app",
    "foi.cli",
    "foi.store",
    "foi.letters",
    "foi.export",
    "foi.mail",
    "foi.settings",
    "foi.directory",
    "foi.resources",
}
#: Methods that read or write files (and the builtin ``open``).
IO_METHODS = {"read_text", "write_text", "read_bytes", "write_bytes", "unlink", "mkdir", "rmdir", "touch"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(FOI.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            out.add(module)
            if node.module is None or node.level and node.module is None:
                out.update(f"{module}.{alias.name}" for alias in node.names)
    return out


def _files(layer: str) -> list[Path]:
    return sorted((FOI / layer).rglob("*.py"))


def _uses(imported: set[str], forbidden: set[str]) -> list[str]:
    return sorted(m for m in imported if any(m == f or m.startswith(f + ".") for f in forbidden))


@pytest.mark.parametrize("path", _files("domain"), ids=lambda p: str(p.relative_to(FOI)))
def test_the_domain_is_pure(path):
    assert not _uses(_imports(path), DOMAIN_FORBIDDEN), f"{path.name} imports what domain/ must not"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            if isinstance(fn, ast.Name) and fn.id == "open":
                calls.add("open")
            elif isinstance(fn, ast.Attribute) and fn.attr in IO_METHODS:
                calls.add(fn.attr)
    assert not calls, f"{path.name} calls {sorted(calls)}: file I/O belongs in app/ or the store"


@pytest.mark.parametrize("path", _files("app"), ids=lambda p: str(p.relative_to(FOI)))
def test_the_application_layer_does_not_know_the_command_line(path):
    assert not _uses(_imports(path), {"click", "rich", "foi.cli"})


@pytest.mark.parametrize("path", _files("cli"), ids=lambda p: str(p.relative_to(FOI)))
def test_the_cli_uses_only_the_stores_public_names(path):
    inner = [m for m in _imports(path) if m.startswith("foi.store.")]
    assert not inner, f"{path.name} reaches into the store package: {inner}"
    assert not _uses(_imports(path), {"tinydb"})


@pytest.mark.parametrize("layer", ["store", "letters", "export", "mail", "directory"])
def test_adapters_do_not_import_the_layers_that_use_them(layer):
    for path in _files(layer):
        assert not _uses(_imports(path), {"foi.app", "foi.cli"}), path


def test_only_the_store_imports_tinydb_and_only_letters_import_jinja2():
    for path in sorted(FOI.rglob("*.py")):
        imported = _imports(path)
        where = path.relative_to(FOI).parts[0]
        if where != "store":
            assert not _uses(imported, {"tinydb"}), path
        if where != "letters":
            assert not _uses(imported, {"jinja2"}), path


def test_the_rules_see_what_they_check():
    """The checker itself: a relative import is made absolute."""
    imported = _imports(FOI / "cli" / "common.py")
    assert "foi.app.context" in imported and "click" in imported


def test_architecture_md_names_every_package_and_only_files_that_exist():
    root = FOI.parent
    text = (root / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for package in sorted(p.name for p in FOI.iterdir() if (p / "__init__.py").exists()):
        assert f"foi/{package}/" in text, f"ARCHITECTURE.md does not say where foi/{package}/ sits"
    import re

    for named in re.findall(r"`(foi/[\w/]+(?:\.py)?)", text):
        assert (root / named).exists(), f"ARCHITECTURE.md names {named}, which is not in the tree"
    for named in re.findall(r"`(tests/\w+\.py)`", text):
        assert (root / named).exists(), named


def _limit(path: Path) -> int:
    """Longest function allowed (issue 11): 60 lines in the CLI, 40 in the clock, 80 elsewhere."""
    parts = path.relative_to(FOI).parts
    return 60 if parts[0] == "cli" else 40 if parts[:2] == ("domain", "clock") else 80


def test_files_and_functions_stay_small():
    """No module over 450 lines (generated data says GENERATED at its top), no function over its limit."""
    too_big = []
    for path in sorted(FOI.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 450 and "GENERATED" not in text[:300]:
            too_big.append(f"{path.relative_to(FOI)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > _limit(path):
                    too_big.append(f"{path.relative_to(FOI)}:{node.lineno} {node.name}: {length} lines")
    assert not too_big, "split these:\n" + "\n".join(too_big)


#: Calls that write, move or remove files, whatever they are called on.
WRITE_METHODS = {
    "write_bytes",
    "write_text",
    "unlink",
    "mkdir",
    "rmdir",
    "touch",
    "chmod",
    "rename",
    "symlink_to",
    "hardlink_to",
    "replace_atomically",
    "replace_files",
    "mkstemp",
    "mkdtemp",
    "NamedTemporaryFile",
    "copyfile",
    "copy2",
    "copytree",
    "rmtree",
}
#: ``os.<name>`` and ``shutil.<name>`` calls that write (``os.replace``, not ``str.replace``).
WRITE_FUNCTIONS = {
    "os": {"replace", "rename", "remove", "unlink", "link", "symlink", "open", "write", "chmod", "mkdir", "makedirs"},
    "shutil": {"copy", "move"},
}
#: Files outside the store package allowed to write, and why.
WRITERS_OUTSIDE_THE_STORE = {
    # After a broken pipe, stdout is pointed at /dev/null so that Python's own
    # flush at exit does not fail again: no file is written.
    "cli/__init__.py": {"os.open"},
}


def _writes(path: Path) -> set[str]:
    """The file-writing calls in ``path`` (``open`` only with a mode that writes)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        fn = node.func
        if (
            isinstance(fn, ast.Attribute)
            and isinstance(fn.value, ast.Name)
            and fn.attr in WRITE_FUNCTIONS.get(fn.value.id, ())
        ):
            found.add(f"{fn.value.id}.{fn.attr}")
        elif isinstance(fn, ast.Attribute) and fn.attr in WRITE_METHODS:
            found.add(fn.attr)
        elif isinstance(fn, ast.Name) and fn.id in WRITE_METHODS:
            found.add(fn.id)
        elif (isinstance(fn, ast.Name) and fn.id == "open") or (isinstance(fn, ast.Attribute) and fn.attr == "open"):
            mode = node.args[1] if len(node.args) > 1 and isinstance(fn, ast.Name) else None
            mode = mode or (node.args[0] if node.args and isinstance(fn, ast.Attribute) else None)
            mode = next((k.value for k in node.keywords if k.arg == "mode"), mode)
            if isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) & set("wax+"):
                found.add(f"open({mode.value!r})")
            elif mode is not None and not isinstance(mode, ast.Constant):
                found.add("open(mode?)")
    return found


def test_only_the_store_writes_files():
    """Files are written through the store package (``write_private``,
    ``write_shared``, ``put_blob``...), which makes them atomic and private."""
    wrong = []
    for path in sorted(FOI.rglob("*.py")):
        where = path.relative_to(FOI)
        if where.parts[0] == "store":
            continue
        extra = _writes(path) - WRITERS_OUTSIDE_THE_STORE.get(where.as_posix(), set())
        if extra:
            wrong.append(f"{where}: {sorted(extra)}")
    assert not wrong, "write files through foi.store:\n" + "\n".join(wrong)


def test_the_writing_rule_sees_writes(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "import os\nopen(p, 'w')\np.open(mode='ab')\nopen(p)\np.open('rb')\nos.replace(a, b)\n"
        "'x'.replace('a', 'b')\np.write_text('')\nreplace_atomically(p, b'')\n"
    )
    assert _writes(source) == {"open('w')", "open('ab')", "os.replace", "write_text", "replace_atomically"}


#: Files besides ``foi/settings.py`` allowed to touch the environment, and why.
ENVIRONMENT_READERS = {
    # git runs with the user's environment (PATH, HOME, GIT_* for their
    # identity and credentials) plus foi's fixed LC_ALL: passed on whole, read
    # by no foi code.
    "app/git.py",
}


def _environment_uses(path: Path) -> set[str]:
    """``os.environ``, ``os.getenv``, ``os.putenv``... and ``from os import environ`` in ``path``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
            if node.attr in {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}:
                found.add(f"os.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found.update(f"os.{a.name}" for a in node.names if "env" in a.name)
    return found


def test_only_settings_reads_the_environment():
    """Every environment variable foi reads is a row of the settings table
    (or a standard one, such as NO_COLOR, read in ``foi/settings.py``)."""
    wrong = []
    for path in sorted(FOI.rglob("*.py")):
        where = path.relative_to(FOI).as_posix()
        if where != "settings.py" and where not in ENVIRONMENT_READERS and _environment_uses(path):
            wrong.append(f"{where}: {sorted(_environment_uses(path))}")
    assert not wrong, "read the environment through foi.settings:\n" + "\n".join(wrong)
    assert _environment_uses(FOI / "settings.py") == {"os.environ"}  # (the checker sees what it checks)


def test_no_timings_in_the_code():
    """Timings go stale: a comment keeps the reason and points to
    ``bench/RESULTS.md``, where the figures are (issue 11.6)."""
    import re

    timing = re.compile(r"\b\d+(?:\.\d+)?\s?(?:ms|µs|us|milliseconds|microseconds)\b")
    found = [
        f"{path.relative_to(FOI)}:{n}: {line.strip()}"
        for path in sorted(FOI.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if timing.search(line)
    ]
    assert not found, "move these figures to bench/RESULTS.md:\n" + "\n".join(found)


def test_no_package_defines_a_name_one_of_its_modules_has():
    """Importing a submodule sets it as an attribute of its package: a lazy
    ``from .explain import ...`` inside a package that also defines a function
    ``explain`` would replace the function by the module at its first call."""
    clashes = []
    for init in sorted(FOI.rglob("__init__.py")):
        modules = {p.stem for p in init.parent.glob("*.py")} | {p.name for p in init.parent.iterdir() if p.is_dir()}
        for node in ast.parse(init.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in modules:
                clashes.append(f"{init.parent.relative_to(FOI)}: {node.name}")
    assert not clashes, "rename the module or the name: " + ", ".join(clashes)
