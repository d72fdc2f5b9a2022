"""Rewrite the docstrings of ``python/barq/_barq.pyi`` from the native module's own.

The user documentation of the native module is written once, as the ``///`` comments of its
pyo3 bindings (``src/python/*.rs``), which pyo3 makes the ``__doc__`` of each class, method,
property and function. The stub repeats them for editors and type checkers; this script copies
them there (after ``maturin develop``), so that editing a ``///`` comment and running

    python scripts/sync_stub_docs.py

is all it takes. ``--check`` writes nothing and exits 1 when the stub is out of date
(``tests/test_runtime_docs.py`` checks the same). Only public names are touched: dunder and
private methods keep what the stub says.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import sys
from pathlib import Path
from typing import Any

from barq import _barq

STUB = Path(__file__).resolve().parents[1] / "python" / "barq" / "_barq.pyi"
LINE_LENGTH = 100  # ruff's line-length


def _runtime_doc(qualname: str) -> str | None:
    obj: Any = _barq
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    doc = inspect.cleandoc(obj.__doc__ or "")
    return doc or None


def _docstring(doc: str, indent: int, own_line: bool) -> str:
    """``doc`` as the source of a docstring whose lines start at column ``indent``; the closing
    quotes on a line of their own with ``own_line`` or when the last line has no room."""
    if '"""' in doc:
        raise ValueError(f"a docstring cannot hold three double quotes: {doc[:60]!r}")
    prefix = "r" if "\\" in doc else ""
    lines = doc.splitlines()
    if len(lines) == 1 and indent + len(doc) + 6 <= LINE_LENGTH:
        return f'{prefix}"""{doc}"""'
    pad = " " * indent
    body = "".join("\n" + (pad + line if line else "") for line in lines[1:])
    if own_line or len(lines) == 1 or len(pad + lines[-1]) + 3 > LINE_LENGTH:
        return f'{prefix}"""{lines[0]}{body}\n{pad}"""'
    return f'{prefix}"""{lines[0]}{body}"""'


def _targets(tree: ast.Module) -> list[tuple[str, ast.ClassDef | ast.FunctionDef]]:
    """(qualified name, node) of every public class, function and method; of overloads, the
    last one (the one that carries the docstring)."""
    found: dict[str, ast.ClassDef | ast.FunctionDef] = {}

    def visit(node: ast.ClassDef | ast.FunctionDef, prefix: str) -> None:
        if node.name.startswith("_"):
            return
        found[prefix + node.name] = node
        if isinstance(node, ast.ClassDef):
            for child in node.body:
                if isinstance(child, (ast.ClassDef, ast.FunctionDef)):
                    visit(child, f"{prefix}{node.name}.")

    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            visit(node, "")
    return list(found.items())


def synced(source: str) -> tuple[str, list[str]]:
    """The stub ``source`` with the runtime docstrings, and the names that have none."""
    tree = ast.parse(source)
    # ast's columns count UTF-8 bytes
    lines = [line.encode() for line in source.splitlines(keepends=True)]
    # (line index, start column, end line index, end column, replacement), applied bottom-up
    edits: list[tuple[int, int, int, int, str]] = []
    missing = []
    for qualname, node in _targets(tree):
        doc = _runtime_doc(qualname)
        if doc is None:
            missing.append(qualname)
            continue
        first = node.body[0]
        assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
        assert first.end_lineno is not None and first.end_col_offset is not None
        indent = node.col_offset + 4
        text = _docstring(doc, indent, own_line=isinstance(node, ast.ClassDef))
        row, col = first.lineno - 1, first.col_offset
        if first.value.value is Ellipsis and lines[row][:col].strip():
            # ``def f(...) -> T: ...``: the docstring goes on a line of its own
            col = lines[row].rindex(b":", 0, col) + 1
            text = "\n" + " " * indent + text
        elif not isinstance(first.value.value, str) and first.value.value is not Ellipsis:
            raise ValueError(f"{qualname}: unexpected first statement in the stub")
        edit = (row, col, first.end_lineno - 1, first.end_col_offset)
        edits.append((*edit, text))
    for row, col, end_row, end_col, text in sorted(edits, reverse=True):
        head = lines[row][:col]
        tail = lines[end_row][end_col:]
        lines[row : end_row + 1] = [head + text.encode() + tail]
    return b"".join(lines).decode(), missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    source = STUB.read_text(encoding="utf-8")
    new, missing = synced(source)
    for name in missing:
        print(f"barq._barq.{name} has no runtime docstring (left as it is)", file=sys.stderr)
    if args.check:
        if new != source:
            print(f"{STUB.name} is out of date: run python scripts/sync_stub_docs.py")
            return 1
        return 1 if missing else 0
    if new != source:
        STUB.write_text(new, encoding="utf-8")
        print(f"rewrote the docstrings of {STUB.name}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
