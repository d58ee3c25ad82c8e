"""The public surface and the architecture: names, docstrings, imports."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import pkgutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import upr_targets

PACKAGE = Path(upr_targets.__file__).parent
MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(upr_targets.__path__, "upr_targets.")
    if not m.name.endswith("__main__")
)

# From the bottom up: a module may import modules of its own layer or below,
# never above (and no cycles within a layer).
LAYERS: list[tuple[str, ...]] = [
    (
        "upr_targets._errors",
        "upr_targets._lazy",
        "upr_targets._utils",
        "upr_targets._version",
    ),
    (
        "upr_targets._schema",
        "upr_targets._outcome_schema",
        "upr_targets._components",
        "upr_targets._cache",
        "upr_targets._estimator",
    ),
    ("upr_targets.reference",),
    ("upr_targets.io",),
    ("upr_targets.fetch",),
    ("upr_targets.datasets",),
    (
        "upr_targets._features",
        "upr_targets._query",
        "upr_targets._tables",
        "upr_targets._coverage",
        "upr_targets._action",
    ),
    (
        "upr_targets._match_signals",
        "upr_targets._similar",
        "upr_targets._matcher",
        "upr_targets._matching",
        "upr_targets._search",
        "upr_targets._scoring",
        "upr_targets._counts",
        "upr_targets._speakers",
        "upr_targets._explain",
        "upr_targets._evidence",
        "upr_targets._ranking_table",
        "upr_targets._outcome_match",
        "upr_targets._outcome_eval",
    ),
    (
        "upr_targets._reviews",
        "upr_targets._weights",
        "upr_targets._closeness",
        "upr_targets._ranker_views",
        "upr_targets._ranking",
        "upr_targets._acceptance",
        "upr_targets._followup_dates",
        "upr_targets._outcome",
    ),
    ("upr_targets._backtest",),
    ("upr_targets.plotting",),
    ("upr_targets.report",),
    ("upr_targets.cli",),
]


def _layer(module: str) -> int:
    for i, names in enumerate(LAYERS):
        if any(module == n or module.startswith(n + ".") for n in names):
            return i
    raise AssertionError(f"{module} is in no layer of tests/test_api.py: add it")


def _imports(module: str) -> set[str]:
    """The upr_targets modules that ``module`` imports (at any depth of its code)."""
    path = Path(importlib.util.find_spec(module).origin)
    is_pkg = path.name == "__init__.py"
    package = module if is_pkg else module.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("upr_targets"):
                continue
            names = [f"{target}.{a.name}" for a in node.names]
            subs = [n for n in names if n in MODULES]
            out.update(subs or [target])
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("upr_targets"))
    return {m for m in out if m != module and m != "upr_targets"}


def test_all_names_exist_and_are_sorted_uniquely():
    assert upr_targets.__all__ == sorted(set(upr_targets.__all__))
    for name in upr_targets.__all__:
        assert hasattr(upr_targets, name), name
    assert set(upr_targets._LAZY) == set(upr_targets.__all__)


def test_io_names_exist_and_load_on_first_use():
    import upr_targets.io as io

    assert io.__all__ == sorted(set(io.__all__)) and set(io._LAZY) == set(io.__all__)
    for name in io.__all__:
        assert getattr(io, name) is not None, name


@pytest.mark.parametrize("module", [m for m in MODULES if m != "upr_targets"])
def test_imports_point_down(module):
    """No module imports one of a layer above it."""
    mine = _layer(module)
    up = [m for m in _imports(module) if _layer(m) > mine]
    assert not up, f"{module} imports {up}, above it"


def test_no_import_cycle():
    graph = {m: _imports(m) for m in MODULES if m != "upr_targets"}

    def package_of(m):  # a package's __init__ re-exports its modules
        return {d for d in graph[m] if not d.startswith(m + ".")}

    seen, stack = set(), []

    def visit(m):
        if m in stack:
            cycle = stack[stack.index(m) :] + [m]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if m in seen:
            return
        stack.append(m)
        for d in package_of(m):
            if d in graph:
                visit(d)
        stack.pop()
        seen.add(m)

    for m in graph:
        visit(m)


def test_modules_are_small():
    """One idea per module: about 400 lines at most (a few state why in their doc)."""
    allowed: dict[str, int] = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).as_posix()
        n = len(path.read_text(encoding="utf-8").splitlines())
        assert n <= allowed.get(rel, 450), f"{rel} has {n} lines"


def _run(code: str) -> str:
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return res.stdout.strip()


HEAVY = ("sklearn", "scipy", "matplotlib", "jinja2", "pypdf", "docx")


def test_import_is_light():
    loaded = _run(
        "import sys, upr_targets; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    assert loaded == "[]"


def test_cli_help_is_light():
    loaded = _run(
        "import sys, contextlib, io\n"
        "from upr_targets.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help']); main(['rank', '--help'])\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    assert loaded == "[]"


def test_py_typed_is_shipped():
    assert resources.files("upr_targets").joinpath("py.typed").is_file()


def _public_objects():
    """(qualified name, object) of every public function, class and method."""
    for name in upr_targets.__all__:
        obj = getattr(upr_targets, name)
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            yield f"upr_targets.{name}", obj
            for mname, member in vars(obj).items():
                if mname.startswith("_") or not callable(member):
                    continue
                yield f"upr_targets.{name}.{mname}", member
        elif inspect.isfunction(obj):
            yield f"upr_targets.{name}", obj


# numpydoc checks: every parameter documented (PR01) and no unknown one
# (PR02), a Returns section (RT01), a docstring at all (GL08).
CHECKS = {"PR01", "PR02", "RT01", "GL08"}


@pytest.mark.parametrize("qualname", [q for q, _ in _public_objects()])
def test_public_docstrings_validate(qualname):
    validate = pytest.importorskip("numpydoc.validate").validate
    obj = dict(_public_objects())[qualname]
    checks = set(CHECKS)
    if inspect.isclass(obj):
        checks.discard("RT01")
        if not hasattr(obj, "fit"):
            # result objects (Report, BacktestResult, LoadReport) are built by
            # the library: they document their attributes, not their arguments
            checks.discard("PR01")
    errors = [
        (code, msg) for code, msg in validate(qualname)["errors"] if code in checks
    ]
    assert not errors, errors


# examples that fit models on the demo data or draw reports: seconds each
SLOW_EXAMPLES = {
    "upr_targets._backtest",
    "upr_targets._matcher",
    "upr_targets._matching",
    "upr_targets._ranking",
    "upr_targets.report._build",
    "upr_targets.report._document",
}


@pytest.mark.parametrize(
    "module",
    [
        pytest.param(m, marks=pytest.mark.slow) if m in SLOW_EXAMPLES else m
        for m in MODULES
    ],
)
def test_docstring_examples_run(module, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write here
    mod = importlib.import_module(module)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    for test in finder.find(mod, mod.__name__):
        if test.filename and Path(test.filename).resolve().is_relative_to(PACKAGE):
            runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, (
        f"{result.failed} docstring example(s) failed in {module}"
    )
