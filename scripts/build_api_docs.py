"""Build the API reference of barq (HTML, with pdoc) from the docstrings the package carries.

    python scripts/build_api_docs.py            # into target/api (not committed)
    python scripts/build_api_docs.py -o site/   # anywhere else

Documents ``barq`` and each public submodule. A module that needs an optional package which is
not installed (``barq.dask`` needs dask, ``barq.polars`` polars, ...) is left out with a note;
``--all`` makes that an error (CI installs the test extra, which has them all). Fails (exit 1)
when pdoc warns about anything or when a documented object has no docstring, so that the
reference cannot silently lose a page or an entry.

The native classes are documented where users meet them (``barq.Normalizer``, ...), with the
type annotations of ``python/barq/_barq.pyi`` instead of the untyped signatures that a
compiled module reports.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
import typing
import warnings
from pathlib import Path
from unittest import mock

import barq
import pdoc
import pdoc.doc
import pdoc.doc_pyi
import pdoc.render

ROOT = Path(__file__).resolve().parents[1]


def modules(require_all: bool) -> tuple[list[str], list[str]]:
    """The modules to document, and notes about the ones left out."""
    names = ["barq"] + sorted(
        f"barq.{m.name}" for m in pkgutil.iter_modules(barq.__path__) if not m.name.startswith("_")
    )
    found, notes = [], []
    for name in names:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as e:
            if require_all or not e.name or e.name.startswith("barq"):
                raise
            notes.append(f"{name} left out: it needs {e.name}, which is not installed")
            continue
        found.append(name)
    return found, notes


NATIVE = "barq._barq"


def _stub() -> pdoc.doc.Module:
    stub_file = pdoc.doc_pyi.find_stub_file(NATIVE)
    if stub_file is None:
        raise SystemExit(f"no stub file for {NATIVE}")
    return pdoc.doc.Module(pdoc.doc_pyi._import_stub_file(NATIVE, stub_file))


def native_as_own(namespace: pdoc.doc.Namespace, stub: pdoc.doc.Module) -> None:
    """Document the native objects under ``namespace`` with the types of the stub.

    pdoc reads a ``.pyi`` only for the module it belongs to (``barq._barq``, which is private
    and has no page): the native classes are documented where users meet them
    (``barq.Normalizer``, ...). This gives each native member the signature of the stub (the
    docstrings are the same: ``tests/test_runtime_docs.py`` checks it), and a Python class
    built on a native one (``barq.Gazetteer``, ``barq.Lexicon``) the native methods as its own
    rather than as members inherited from a private class."""
    for member in namespace.members.values():
        if member.taken_from[0] == NATIVE:
            if isinstance(member, pdoc.doc.Class):
                # members are read before the stub stands in for the module (as pdoc does)
                pdoc.doc_pyi._prepare_module(member)
            with mock.patch.dict("sys.modules", {NATIVE: stub.obj}):
                pdoc.doc_pyi._patch_doc(member, stub)
                _overloaded_signatures(member, stub)
        elif isinstance(member, pdoc.doc.Class) and member.taken_from[0].startswith("barq"):
            native_as_own(member, stub)
    if not isinstance(namespace, pdoc.doc.Class):
        return
    inherited = namespace.inherited_members
    native = [key for key in inherited if key[0] == NATIVE]
    if native:
        own = list(namespace.own_members)
        names = {m.name for m in own}
        for key in native:
            own += [m for m in inherited[key] if m.name not in names]
        namespace.__dict__["own_members"] = own
        namespace.__dict__["inherited_members"] = {
            k: v for k, v in inherited.items() if k[0] != NATIVE
        }


def _overloaded_signatures(doc: pdoc.doc.Doc, stub: pdoc.doc.Module) -> None:
    """An overloaded function of the stub reads ``(*args, **kwds)`` at run time: show the
    signature of its last (most general) overload instead."""
    docs = doc.own_members if isinstance(doc, pdoc.doc.Class) else [doc]
    for member in docs:
        stub_member = stub.get(member.qualname)
        if not isinstance(member, pdoc.doc.Function) or stub_member is None:
            continue
        # the name is bound to typing's placeholder; the overloads are registered by name
        registry = getattr(typing, "_overload_registry", {})
        overloads = list(registry.get(NATIVE, {}).get(member.qualname, {}).values())
        if overloads:
            general = pdoc.doc.Function(
                stub_member.modulename, stub_member.qualname, overloads[-1], stub_member.taken_from
            )
            member.__dict__["signature"] = general.signature


def undocumented(doc: pdoc.doc.Doc) -> list[str]:
    """The public objects under ``doc`` that have no docstring."""
    missing = [] if doc.docstring.strip() else [doc.fullname]
    if isinstance(doc, pdoc.doc.Namespace):
        for member in doc.own_members:
            if not member.name.startswith("_"):
                missing.extend(undocumented(member))
    return missing


def render(docs: dict[str, pdoc.doc.Module], output: Path) -> None:
    """Write a page per module, the index and the search index (as ``pdoc.pdoc`` does, but
    for exactly these modules)."""
    for name, module in docs.items():
        page = output / f"{name.replace('.', '/')}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(pdoc.render.html_module(module, docs), encoding="utf-8")
    index = pdoc.render.html_index(docs)
    if index:
        (output / "index.html").write_text(index, encoding="utf-8")
    search = pdoc.render.search_index(docs)
    if search:
        (output / "search.js").write_text(search, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "target" / "api")
    parser.add_argument(
        "--all", action="store_true", help="fail when a module cannot be documented"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    names, notes = modules(args.all)
    for note in notes:
        print(note)
    pdoc.render.configure(docformat="restructuredtext", footer_text=f"barq {barq.__version__}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = {name: pdoc.doc.Module.from_name(name) for name in names}
        stub = _stub()
        for module in docs.values():
            native_as_own(module, stub)
        missing = [m for d in docs.values() for m in undocumented(d)]
        render(docs, args.output)
    failed = False
    for w in caught:
        print(f"pdoc warning: {w.message}", file=sys.stderr)
        failed = True
    for name in missing:
        print(f"no docstring: {name}", file=sys.stderr)
        failed = True
    seconds = time.perf_counter() - started
    print(f"API reference of {len(names)} modules in {args.output} ({seconds:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
