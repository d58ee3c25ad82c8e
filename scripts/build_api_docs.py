"""Build docs/api.md from the docstrings of ``upr_targets.__all__``.

Usage::

    python scripts/build_api_docs.py            # write docs/api.md
    python scripts/build_api_docs.py --out -    # print to stdout
    python scripts/build_api_docs.py --check    # exit 1 if docs/api.md is stale

Docstrings follow the numpydoc standard; they are parsed with
``numpydoc.docscrape`` and rendered as Markdown, grouped by module.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import re
import sys
import textwrap
from pathlib import Path

from numpydoc.docscrape import NumpyDocString

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "docs" / "api.md"

# module (or package) -> section title, in reading order (others go last)
SECTIONS = {
    "upr_targets.io": "Loading data",
    "upr_targets.datasets": "Demo data",
    "upr_targets._schema": "The normalized table",
    "upr_targets.reference._states": "States and regional groups",
    "upr_targets.reference._names": "States and regional groups",
    "upr_targets.reference._groups": "States and regional groups",
    "upr_targets.reference._calendar": "UPR calendar",
    "upr_targets.reference._themes": "Themes",
    "upr_targets.reference._crosswalk": "Themes",
    "upr_targets.reference._deprecated": "Former names",
    "upr_targets._matcher": "Matching free text",
    "upr_targets._matching": "Matching free text",
    "upr_targets._components": "Ranking",
    "upr_targets._ranking": "Ranking",
    "upr_targets._acceptance": "Acceptance",
    "upr_targets._backtest": "Backtest",
    "upr_targets.plotting": "Plots",
    "upr_targets.report": "Reports",
    "upr_targets._errors": "Errors and warnings",
}

_TEXT_SECTIONS = ("Notes", "Warnings", "References")
_PARAM_SECTIONS = (
    "Parameters",
    "Attributes",
    "Returns",
    "Yields",
    "Raises",
    "Warns",
    "Other Parameters",
)


def _signature(name: str, obj: object) -> str:
    """``name(a, b=1, *, c=None)``: parameter names and defaults, no annotations."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return f"{name}(...)"
    params = []
    for p in sig.parameters.values():
        if p.name == "self":
            continue
        params.append(p.replace(annotation=inspect.Parameter.empty))
    sig = sig.replace(parameters=params, return_annotation=inspect.Signature.empty)
    return f"{name}{sig}"


_ROLE = re.compile(r":(?:py:)?(?:func|meth|class|attr|mod|obj|data|exc):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def _md(text: str) -> str:
    """reST inline markup to Markdown: ``x`` and :func:`x` become `x`."""
    return _LITERAL.sub(r"`\1`", _ROLE.sub(r"`\1`", text))


def _lines(desc: list[str]) -> str:
    return _md(" ".join(line.strip() for line in desc if line.strip()))


def _render_doc(doc: str | None, level: int) -> str:
    if not doc or not doc.strip():
        return "_No docstring._\n"
    try:
        parsed = NumpyDocString(inspect.cleandoc(doc))
    except Exception as exc:  # a malformed docstring must not stop the build
        return f"```\n{inspect.cleandoc(doc)}\n```\n\n<!-- numpydoc: {exc} -->\n"
    out: list[str] = []
    summary = _md("\n".join(parsed["Summary"]).strip())
    if summary:
        out.append(summary + "\n")
    extended = _md("\n".join(parsed["Extended Summary"]).strip())
    if extended:
        out.append(extended + "\n")
    for section in _PARAM_SECTIONS:
        items = parsed[section]
        if not items:
            continue
        out.append(f"**{section}**\n")
        for item in items:
            name, type_, desc = item.name, item.type, _lines(item.desc)
            if name and type_:
                head = f"- `{name}` : *{type_}*"
            elif name:
                head = f"- `{name}`"
            else:
                head = f"- *{type_}*"
            out.append(head + (f" — {desc}" if desc else ""))
        out.append("")
    see_also = parsed["See Also"]
    if see_also:
        refs = []
        for funcs, desc in see_also:
            names = ", ".join(f"`{f}`" for f, _ in funcs)
            refs.append(f"- {names}" + (f": {_lines(desc)}" if desc else ""))
        out.append("**See also**\n")
        out.extend(refs)
        out.append("")
    for section in _TEXT_SECTIONS:
        body = parsed[section]
        text = "\n".join(body).strip() if isinstance(body, list) else str(body).strip()
        if text:
            out.append(f"**{section}**\n")
            out.append(_md(text) + "\n")
    examples = "\n".join(parsed["Examples"]).strip()
    if examples:
        out.append("**Examples**\n")
        out.append("```pycon\n" + examples + "\n```\n")
    return "\n".join(out)


def _merged(klass: type) -> bool:
    """Whether a class's members are documented with its subclasses."""
    module = klass.__module__
    return module.startswith("upr_targets") and module != "upr_targets._estimator"


def _public_members(cls: type) -> list[tuple[str, object]]:
    """Methods and properties the class and its mixins define (not the base
    estimator's ``get_params``/``set_params``), the class's own first."""
    members, seen = [], set()
    for klass in filter(_merged, cls.__mro__):
        for name, value in vars(klass).items():
            if name in seen or (name.startswith("_") and name not in ("__call__",)):
                continue
            if isinstance(value, (staticmethod, classmethod)):
                value = value.__func__
            if inspect.isfunction(value) or isinstance(value, property):
                members.append((name, value))
                seen.add(name)
    return members


def _attribute_docstring(module_name: str, name: str) -> str:
    """The string literal right after ``name = ...`` in a module (PEP 257)."""
    module = sys.modules.get(module_name)
    path = getattr(module, "__file__", None)
    if not path:
        return ""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    body = tree.body
    for node, nxt in zip(body, body[1:], strict=False):
        targets = []
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        if (
            name in targets
            and isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
            and isinstance(nxt.value.value, str)
        ):
            return inspect.cleandoc(nxt.value.value)
    return ""


def _render_constant(name: str, obj: object, module_name: str = "") -> str:
    import upr_targets

    doc = _attribute_docstring(module_name, name) if module_name else ""
    if doc:
        return _md(doc) + "\n\n" + _render_constant(name, obj)
    if name == "COLUMNS":
        table = upr_targets.schema_table()
        rows = [
            "| column | dtype | required | nullable | description |",
            "|---|---|---|---|---|",
        ]
        for r in table.itertuples(index=False):
            desc = str(r.description).replace("|", "\\|")
            rows.append(
                f"| `{r.name}` | {r.dtype} | {r.required} | {r.nullable} | {desc} |"
            )
        return (
            "The columns of the normalized recommendations table, in order "
            "(also as a DataFrame: `schema_table()`).\n\n" + "\n".join(rows) + "\n"
        )
    if isinstance(obj, dict):
        text = "\n".join(f"- `{k}`: {v}" for k, v in obj.items())
        return f"A dict of {len(obj)} entries:\n\n{text}\n"
    value = repr(obj)
    if len(value) > 400:
        value = value[:400] + " ..."
    return f"```python\n{name} = {value}\n```\n"


def _render(name: str, obj: object, module_name: str = "") -> str:
    if inspect.isclass(obj):
        kind = "exception" if issubclass(obj, BaseException) else "class"
        head = f"### `{_signature(name, obj)}`" if kind == "class" else f"### `{name}`"
        parts = [
            head + "\n",
            f"*{kind}*" + _bases(obj) + "\n",
            _render_doc(obj.__doc__, 3),
        ]
        if kind == "class":
            for mname, member in _public_members(obj):
                if isinstance(member, property):
                    parts.append(f"#### `{name}.{mname}` *(property)*\n")
                    parts.append(_render_doc(member.__doc__, 4))
                else:
                    parts.append(f"#### `{name}.{_signature(mname, member)}`\n")
                    parts.append(_render_doc(member.__doc__, 4))
        return "\n".join(parts)
    if callable(obj):
        return f"### `{_signature(name, obj)}`\n\n" + _render_doc(obj.__doc__, 3)
    return f"### `{name}`\n\n" + _render_constant(name, obj, module_name)


def _bases(cls: type) -> str:
    # mixins that only split a class over modules are documented with it
    bases = [
        b for b in cls.__bases__ if b is not object and b.__name__ != "RankerViews"
    ]
    if not bases:
        return ""
    return " — based on " + ", ".join(f"`{b.__name__}`" for b in bases)


def _section_of(module: str) -> str:
    """The section of a module: its own entry, else its package's."""
    while module:
        if module in SECTIONS:
            return SECTIONS[module]
        module = module.rpartition(".")[0]
    return ""


def build() -> str:
    """Return the Markdown text of the API reference."""
    import upr_targets

    by_section: dict[str, list[str]] = {
        title: [] for title in dict.fromkeys(SECTIONS.values())
    }
    other: list[str] = []
    constants_module = {
        name: "upr_targets._schema"
        for name in ("COLUMNS", "RESPONSES", "REGIONAL_GROUPS")
    } | {"FORMATS": "upr_targets.io._formats"}
    for name in sorted(upr_targets.__all__, key=str.lower):
        obj = getattr(upr_targets, name)
        module = constants_module.get(name) or getattr(obj, "__module__", "") or ""
        section = _section_of(module)
        (by_section[section] if section else other).append(name)
    if other:
        by_section["Other"] = other

    out = [
        "# API reference",
        "",
        "<!-- Generated by scripts/build_api_docs.py from the docstrings of "
        "upr_targets.__all__; do not edit by hand. -->",
        "",
        f"upr_targets {upr_targets.__version__}. Everything below is importable "
        "from the top-level package: `import upr_targets`. The command line is "
        "described in the [user guide](user-guide.md#the-command-line).",
        "",
        "## Contents",
        "",
    ]
    for title, names in by_section.items():
        if names:
            out.append(
                f"- **{title}**: " + ", ".join(f"[`{n}`](#{_anchor(n)})" for n in names)
            )
    out.append("")
    for title, names in by_section.items():
        if not names:
            continue
        out.append(f"## {title}\n")
        for name in names:
            out.append(f'<a id="{_anchor(name)}"></a>\n')
            module_name = constants_module.get(name, "")
            obj = getattr(upr_targets, name)
            out.append(_render(name, obj, module_name).rstrip() + "\n")
    text = "\n".join(out)
    return textwrap.dedent(text).rstrip() + "\n"


def _anchor(name: str) -> str:
    return "api-" + name.lower()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", default=str(DEFAULT_OUT), help="output file, or - for stdout"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the file is out of date"
    )
    args = parser.parse_args(argv)
    text = build()
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.out)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(
                f"{path} is out of date: run python scripts/build_api_docs.py",
                file=sys.stderr,
            )
            return 1
        print(f"{path} is up to date")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Wrote {path} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
