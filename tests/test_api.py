"""The public surface: everything in ``__all__`` exists, is documented, and its
docstring examples run."""

import doctest
import importlib
import inspect
import pkgutil

import pytest

import upr_targets

PRIVATE_MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(upr_targets.__path__)
    if m.name.startswith("_") and m.name not in {"__main__"}
)


def test_all_names_exist_and_are_sorted_uniquely():
    assert len(set(upr_targets.__all__)) == len(upr_targets.__all__)
    for name in upr_targets.__all__:
        assert hasattr(upr_targets, name), name


@pytest.mark.parametrize("name", upr_targets.__all__)
def test_public_callables_have_docstrings(name):
    obj = getattr(upr_targets, name)
    if callable(obj):
        doc = inspect.getdoc(obj) or ""
        assert len(doc) > 20, f"{name} needs a numpydoc docstring"


@pytest.mark.parametrize("module", PRIVATE_MODULES)
def test_docstring_examples_run(module, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write here
    mod = importlib.import_module(f"upr_targets.{module}")
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    for test in finder.find(mod, mod.__name__):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, (
        f"{result.failed} docstring example(s) failed in {module}"
    )
