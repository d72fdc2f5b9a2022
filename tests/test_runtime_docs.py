"""Every public object of barq documents itself at run time, and the stub says the same.

``help()``, notebooks and the API reference (``scripts/build_api_docs.py``) read ``__doc__`` and
``inspect.signature``: a public class, function, method or property without a docstring, or a
callable without a signature, fails here. The docstrings of the native module are written once,
as the ``///`` comments of its Rust bindings; ``python/barq/_barq.pyi`` repeats them for editors
and type checkers (``scripts/sync_stub_docs.py`` rewrites them), and the last test fails when
the two differ.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import pkgutil
from pathlib import Path
from typing import Any

import barq
import pytest
from barq import _barq

STUB = Path(_barq.__file__).with_name("_barq.pyi")


def _modules() -> list[str]:
    """barq and its public submodules (a new module is walked without being listed here)."""
    found = [
        f"barq.{m.name}" for m in pkgutil.iter_modules(barq.__path__) if not m.name.startswith("_")
    ]
    return ["barq", *sorted(found)]


def _import(name: str) -> Any:
    """The module, or a skip when an optional package it builds on is not installed."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as e:
        if e.name and not e.name.startswith("barq"):
            pytest.skip(f"{name} needs {e.name}, which is not installed")
        raise


def _public_names(module: Any) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            n
            for n, obj in vars(module).items()
            if not n.startswith("_")
            and (inspect.isclass(obj) or inspect.isfunction(obj))
            and obj.__module__ == module.__name__
        ]
    return [n for n in names if n != "__version__"]


def _is_barq(obj: Any) -> bool:
    return (getattr(obj, "__module__", None) or "").startswith("barq")


def _has_constructor(cls: type) -> bool:
    return any(("__init__" in vars(k) or "__new__" in vars(k)) and _is_barq(k) for k in cls.__mro__)


def _members(cls: type) -> list[str]:
    """The public methods and properties of a class that barq defines (not those of object)."""
    names = []
    for name in dir(cls):
        if name.startswith("_"):
            continue
        owner = next((k for k in cls.__mro__ if name in vars(k)), None)
        if owner is None or not _is_barq(owner):
            continue
        attr = vars(owner)[name]
        if (
            callable(attr)
            or inspect.isdatadescriptor(attr)
            or isinstance(attr, (staticmethod, classmethod))
        ):
            names.append(name)
    return names


def _api() -> list[tuple[str, str, str | None]]:
    """(module, object, member) triples of the public API, member None for the object itself."""
    items: list[tuple[str, str, str | None]] = []
    for name in _modules():
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name and not e.name.startswith("barq"):
                items.append((name, "", None))  # skipped in the test, with the reason
                continue
            raise
        items.append((name, "", None))
        for public in _public_names(module):
            obj = getattr(module, public)
            if not (inspect.isclass(obj) or callable(obj)) or not _is_barq(obj):
                continue
            items.append((name, public, None))
            if inspect.isclass(obj):
                items.extend((name, public, m) for m in _members(obj))
    return items


API = _api()


def _resolve(module_name: str, obj_name: str, member: str | None) -> Any:
    obj = _import(module_name)
    if obj_name:
        obj = getattr(obj, obj_name)
    if member:
        obj = getattr(obj, member)
    return obj


@pytest.mark.parametrize(
    "module_name,obj_name,member",
    API,
    ids=[":".join(filter(None, item)) for item in API],
)
def test_public_object_has_a_docstring_and_a_signature(module_name, obj_name, member):
    obj = _resolve(module_name, obj_name, member)
    doc = inspect.getdoc(obj) if member else obj.__doc__
    assert doc and doc.strip(), f"{module_name}:{obj_name}.{member} has no docstring"
    if inspect.ismodule(obj) or inspect.isdatadescriptor(obj):
        return
    assert callable(obj)
    if inspect.isclass(obj) and not _has_constructor(obj):
        return  # an exception class: its constructor is BaseException's
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError) as e:
        pytest.fail(f"inspect.signature fails on {module_name}:{obj_name}.{member}: {e}")
    assert signature.parameters is not None


def test_the_walk_covers_the_whole_api():
    # the walk above finds what a user sees: every name of barq.__all__ but the version, the
    # native classes' methods and properties, and the Python modules' accessor classes
    walked = {(m, o) for m, o, member in API if member is None}
    assert {("barq", n) for n in barq.__all__ if n != "__version__"} <= walked
    members = {member for m, o, member in API if (m, o) == ("barq", "Normalizer")}
    assert {"normalize", "normalize_batch", "align", "options", "preset", "to_dict"} <= members
    members = {member for m, o, member in API if (m, o) == ("barq", "Gazetteer")}
    assert {"find", "find_batch", "extract", "from_file", "default", "clitics"} <= members
    assert ("barq.pandas", "BarqSeriesAccessor") in walked or ("barq.pandas", "") in walked


def _stub_nodes() -> dict[str, ast.ClassDef | ast.FunctionDef]:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    return {n.name: n for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}


def _constructor(cls: type) -> ast.FunctionDef | None:
    node = _stub_nodes()[cls.__name__]
    return next((n for n in node.body if getattr(n, "name", "") == "__new__"), None)


@pytest.mark.parametrize(
    "cls",
    [c for c in vars(_barq).values() if inspect.isclass(c) and _constructor(c)],
    ids=lambda c: c.__name__,
)
def test_native_class_signature_is_its_constructor(cls):
    # help(barq.Normalizer) and inspect.signature show the parameters of the constructor
    signature = inspect.signature(cls)
    new = _constructor(cls)
    assert new is not None
    stub_params = [a.arg for a in new.args.args[1:]]
    stub_params += [a.arg for a in new.args.kwonlyargs]
    if new.args.kwarg:
        stub_params.append(new.args.kwarg.arg)
    assert list(signature.parameters) == stub_params


def _stub_docs() -> dict[str, str | None]:
    """The docstring of every public class, function, method and property of the stub, by
    qualified name (of overloads, the one that has it)."""
    docs: dict[str, str | None] = {}

    def visit(node: Any, prefix: str) -> None:
        if node.name.startswith("_"):
            return
        name = prefix + node.name
        docs[name] = docs.get(name) or ast.get_docstring(node)
        if isinstance(node, ast.ClassDef):
            for child in node.body:
                if isinstance(child, (ast.ClassDef, ast.FunctionDef)):
                    visit(child, name + ".")

    for node in _stub_nodes().values():
        visit(node, "")
    return docs


STUB_DOCS = _stub_docs()


@pytest.mark.parametrize("qualname", sorted(STUB_DOCS))
def test_stub_docstring_is_the_runtime_docstring(qualname):
    obj: Any = _barq
    for part in qualname.split("."):
        obj = getattr(obj, part)
    runtime = inspect.cleandoc(obj.__doc__ or "")
    assert runtime, f"barq._barq.{qualname} has no docstring (write it as a /// comment)"
    assert STUB_DOCS[qualname] == runtime, (
        f"the docstring of {qualname} in {STUB.name} differs from the runtime one: "
        "run python scripts/sync_stub_docs.py"
    )


def test_stub_documents_every_public_native_object():
    native = set()
    for name, obj in vars(_barq).items():
        if name.startswith("_") or not (inspect.isclass(obj) or callable(obj)):
            continue
        native.add(name)
        if inspect.isclass(obj):
            native.update(f"{name}.{m}" for m in _members(obj))
    assert native == set(STUB_DOCS)


def _sync_script() -> Any:
    path = Path(__file__).resolve().parents[1] / "scripts" / "sync_stub_docs.py"
    spec = importlib.util.spec_from_file_location("sync_stub_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sync_script_leaves_an_up_to_date_stub_as_it_is():
    source = STUB.read_text(encoding="utf-8")
    synced, missing = _sync_script().synced(source)
    assert missing == []
    assert synced == source


def test_sync_script_restores_a_stale_docstring_and_fills_an_empty_body():
    source = STUB.read_text(encoding="utf-8")
    doc = _barq.Gazetteer.clitics.__doc__
    documented = f'    def clitics(self) -> bool:\n        """{doc}"""\n'
    stale = source.replace('"""The normalized text."""', '"""An old text."""', 1)
    stale = stale.replace(documented, "    def clitics(self) -> bool: ...\n", 1)
    assert "An old text" in stale and documented not in stale
    synced, _ = _sync_script().synced(stale)
    assert synced == source


def _examples() -> list[tuple[str, str]]:
    """(name, docstring) of every object of the walk, and of the native module (whose classes
    ``barq.Gazetteer`` and ``barq.Lexicon`` extend), whose docstring has ``>>>`` examples."""
    found = {}
    native = [("barq._barq", n, None) for n in STUB_DOCS if "." not in n]
    native += [("barq._barq", *n.split(".")) for n in STUB_DOCS if "." in n]
    for module_name, obj_name, member in [*API, *native]:
        try:
            obj = _resolve(module_name, obj_name, member)
        except pytest.skip.Exception:
            continue
        doc = obj.__doc__ or ""
        if ">>>" in doc:
            found[":".join(filter(None, (module_name, obj_name, member)))] = doc
    return sorted(found.items())


EXAMPLES = _examples()


@pytest.mark.parametrize("name,doc", EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_docstring_examples_run(name, doc):
    # the fences of a Markdown code block (which the Rust docs use) are not part of an example
    text = "\n".join("" if line.strip().startswith("```") else line for line in doc.splitlines())
    if name.startswith("barq._barq:"):
        globs = dict(vars(_barq))
    else:
        globs = {**vars(_barq), **{n: getattr(barq, n) for n in barq.__all__}}
    test = doctest.DocTestParser().get_doctest(text, globs, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    reports: list[str] = []
    result = runner.run(test, out=reports.append)
    assert result.failed == 0, "".join(reports)
    assert result.attempted > 0


def test_the_main_classes_have_examples():
    documented = {name for name, _ in EXAMPLES}
    for name in ("Normalizer", "Tokenizer", "Stemmer", "transliterate", "normalize", "stem"):
        assert f"barq:{name}" in documented
    assert "barq._barq:Gazetteer" in documented
