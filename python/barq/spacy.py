"""barq in spaCy pipelines: a tokenizer and a gazetteer component.

Both are registered through entry points, so nothing has to import ``barq`` first::

    import spacy

    nlp = spacy.blank(
        "ar", config={"nlp": {"tokenizer": {"@tokenizers": "barq.Tokenizer.v1", "clitics": "atb"}}}
    )
    nlp.add_pipe("barq_gazetteer")             # the embedded default gazetteer
    doc = nlp("وصل الوفد إلى بغداد")
    [(e.text, e.label_, e.ent_id_) for e in doc.ents]

``barq.Tokenizer.v1`` (registry ``tokenizers``) cuts texts with :class:`barq.Tokenizer`:
``doc.text`` is the text exactly, clitic pieces are adjacent tokens, ``token.norm_`` is barq's
normalized form when ``normalizer`` is set, and ``token._.barq_role`` / ``token._.barq_form`` tell
a piece's role and the word it stands for.

``barq_gazetteer`` (a pipeline factory) finds the terms of a :class:`barq.Gazetteer` and sets
``doc.ents`` (or ``doc.spans[spans_key]``), with ``label_``, ``ent_id_`` and ``kb_id_`` from the
entry. ``nlp.pipe`` matches a whole batch in one call of :meth:`barq.Gazetteer.find_batch`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.tokens import Token as SpacyToken
from spacy.util import filter_spans, minibatch, registry
from spacy.vocab import Vocab

import barq
from barq._barq import Normalizer
from barq.gazetteer import Gazetteer
from barq.lexicon import Lexicon

__all__ = ["BarqTokenizer", "GazetteerComponent", "create_tokenizer", "make_gazetteer"]

_MODES = ("default", "camel")
_CLITICS = (None, "atb", "d3")
_ALIGNMENT_MODES = ("strict", "contract", "expand")
_TERM_FILE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")

for _name in ("barq_role", "barq_form_"):
    if not SpacyToken.has_extension(_name):
        SpacyToken.set_extension(_name, default=None)
if not SpacyToken.has_extension("barq_form"):
    SpacyToken.set_extension("barq_form", getter=lambda t: t._.barq_form_ or t.text)


# --------------------------------------------------------------------------------------------
# tokenizer


def _normalizer(spec: str | dict[str, Any] | None) -> Normalizer | None:
    if spec is None:
        return None
    if isinstance(spec, str):
        return Normalizer.preset(spec)
    if isinstance(spec, dict):
        if "version" in spec:  # Normalizer.to_dict()
            return Normalizer.from_dict(spec)
        return Normalizer(**spec)
    raise TypeError(
        "normalizer must be a preset name, a dict of Normalizer options or None, "
        f"not {type(spec).__name__}"
    )


@lru_cache(maxsize=16)
def _shared_tokenizer(mode: str, normalizer: str, clitics: str | None) -> barq.Tokenizer:
    """One barq tokenizer per setting with the shipped lexicon (a segmenter takes a moment to
    build): ``spacy.blank`` and ``spacy.load`` with the same settings share it."""
    return barq.Tokenizer(
        normalizer=_normalizer(json.loads(normalizer)), mode=mode, clitics=clitics
    )


class BarqTokenizer:
    """A spaCy tokenizer that cuts with :class:`barq.Tokenizer`.

    ``BarqTokenizer(vocab, mode="default", normalizer=None, clitics=None, lexicon=None)``:
    ``mode`` and ``clitics`` as for :class:`barq.Tokenizer`; ``normalizer`` a preset name
    (``"search"``), a dict of :class:`barq.Normalizer` options or None; when set, every
    token's ``norm_`` is barq's normalized form (else spaCy's default, the lowercase text).
    ``lexicon`` is the path of a :meth:`barq.Lexicon.save` file deciding the clitic splits
    (None: the shipped lexicon).

    White space follows spaCy's rules, so ``doc.text == text``: one space after a token is
    its ``whitespace_``, other white space becomes whitespace tokens. Clitic pieces are
    adjacent tokens with no space between them; ``token._.barq_role`` is ``"proclitic"``,
    ``"stem"`` or ``"enclitic"`` for a piece (None otherwise), ``token._.barq_form`` the word
    the piece stands for (``لسلطة`` → ``السلطة``; the text for every other token).
    """

    def __init__(
        self,
        vocab: Vocab,
        mode: str = "default",
        normalizer: str | dict[str, Any] | None = None,
        clitics: str | None = None,
        lexicon: str | os.PathLike[str] | None = None,
    ) -> None:
        self.vocab = vocab
        """The vocabulary of the docs this tokenizer makes."""
        self._lexicon_bytes: bytes | None = None
        if lexicon is not None:
            path = Path(lexicon)
            if not path.is_file():
                raise ValueError(
                    f"barq.Tokenizer.v1: lexicon must be None (the shipped lexicon) or the "
                    f"path of a barq.Lexicon.save file; no file at {str(path)!r}"
                )
            self._lexicon_bytes = path.read_bytes()
        self._configure(mode, normalizer, clitics)

    def _configure(self, mode: str, normalizer: Any, clitics: str | None) -> None:
        if mode not in _MODES:
            raise ValueError(f"barq.Tokenizer.v1: unknown mode {mode!r}; valid: {list(_MODES)}")
        if clitics not in _CLITICS:
            raise ValueError(
                f"barq.Tokenizer.v1: unknown clitics {clitics!r}; valid: {list(_CLITICS)}"
            )
        self.mode = mode
        self.clitics = clitics
        self.normalizer_spec = normalizer
        if self._lexicon_bytes is not None and clitics is not None:
            self.tokenizer = barq.Tokenizer(
                normalizer=_normalizer(normalizer),
                mode=mode,
                clitics=clitics,
                lexicon=Lexicon.from_bytes(self._lexicon_bytes),
            )
        else:
            key = json.dumps(normalizer, sort_keys=True)
            self.tokenizer = _shared_tokenizer(mode, key, clitics)

    def __call__(self, text: str) -> Doc:
        return self._doc(text, self.tokenizer.tokenize(text))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenize ``texts`` in batches of ``batch_size`` (each batch cut in one call)."""
        for batch in minibatch(texts, size=batch_size):
            for text, tokens in zip(batch, self.tokenizer.tokenize_batch(batch), strict=True):
                yield self._doc(text, tokens)

    def _doc(self, text: str, tokens: list[Any]) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for token in tokens:
            _gap(text, position, token.start, words, spaces)
            words.append(token.text)
            spaces.append(False)
            position = token.end
        _gap(text, position, len(text), words, spaces)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if not tokens:
            return doc
        with_norm = self.tokenizer.normalizer is not None
        with_roles = self.clitics is not None
        if not with_norm and not with_roles:
            return doc
        # the barq tokens in order, skipping the whitespace tokens of the doc
        it = iter(tokens)
        token = next(it)
        for st in doc:
            if st.idx != token.start:
                continue
            if with_norm:
                st.norm_ = token.norm
            if token.role is not None:
                st._.barq_role = token.role
                if token.form != token.text:
                    st._.barq_form_ = token.form
            token = next(it, None)
            if token is None:
                break
        return doc

    # serialization: the settings and a custom lexicon

    def _settings(self) -> dict[str, Any]:
        return {"mode": self.mode, "normalizer": self.normalizer_spec, "clitics": self.clitics}

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The tokenizer's settings (and its lexicon, if one was given) as bytes, for spaCy's
        ``nlp.to_bytes()``; ``exclude`` is accepted and ignored."""
        data = {"settings": self._settings()}
        if self._lexicon_bytes is not None:
            data["lexicon"] = self._lexicon_bytes.hex()
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> BarqTokenizer:
        """Take the settings of :meth:`to_bytes` and return ``self``; ``ValueError`` for data
        that is not a serialized barq tokenizer."""
        try:
            loaded = json.loads(data.decode("utf-8"))
            settings = loaded["settings"]
        except (ValueError, KeyError, TypeError) as e:
            raise ValueError(f"barq.Tokenizer.v1: not a serialized barq tokenizer: {e}") from e
        lexicon = loaded.get("lexicon")
        self._lexicon_bytes = None if lexicon is None else bytes.fromhex(lexicon)
        self._configure(settings["mode"], settings["normalizer"], settings["clitics"])
        return self

    def to_disk(self, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()) -> None:
        """Write :meth:`to_bytes` to the file ``path`` (what ``nlp.to_disk()`` calls)."""
        Path(path).write_bytes(self.to_bytes(exclude=exclude))

    def from_disk(
        self, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()
    ) -> BarqTokenizer:
        """Read a tokenizer written by :meth:`to_disk` into ``self`` and return it."""
        return self.from_bytes(Path(path).read_bytes(), exclude=exclude)


def _gap(text: str, start: int, end: int, words: list[str], spaces: list[bool]) -> None:
    """Add the white space ``text[start:end]`` between tokens the way spaCy does: one space
    right after a token is that token's trailing space, the rest is a whitespace token."""
    if start >= end:
        return
    if words and not spaces[-1] and text[start] == " ":
        spaces[-1] = True
        start += 1
        if start == end:
            return
    words.append(text[start:end])
    spaces.append(False)


@registry.tokenizers("barq.Tokenizer.v1")
def create_tokenizer(
    mode: str = "default",
    normalizer: str | dict[str, Any] | None = None,
    clitics: str | None = None,
    lexicon: str | None = None,
) -> Callable[[Language], BarqTokenizer]:
    """The ``barq.Tokenizer.v1`` registry function (see :class:`BarqTokenizer`)."""

    def make(nlp: Language) -> BarqTokenizer:
        return BarqTokenizer(
            nlp.vocab, mode=mode, normalizer=normalizer, clitics=clitics, lexicon=lexicon
        )

    return make


# --------------------------------------------------------------------------------------------
# gazetteer component


def _load_gazetteer(source: str, overlapping: bool) -> Gazetteer:
    if source == "default":
        g = Gazetteer.default()
        if overlapping:
            path = Path(barq.__file__).parent / "data" / "default_gazetteer.tsv.gz"
            g = Gazetteer.from_file(path, overlapping=True)
        return g
    name = source[:-3] if source.endswith(".gz") else source
    if name.endswith(_TERM_FILE_SUFFIXES):
        return Gazetteer.from_file(source, overlapping=overlapping)
    g = Gazetteer.load(source)
    if overlapping and not g.overlapping:
        raise ValueError(
            f"barq_gazetteer: {source!r} was saved with overlapping=False; save it with "
            "overlapping=True, or give a term file, to get overlapping matches"
        )
    return g


class GazetteerComponent:
    """The ``barq_gazetteer`` pipeline component (``nlp.add_pipe("barq_gazetteer", config=...)``).

    Settings (all in the component's config):

    * ``gazetteer``: ``"default"`` (the embedded default gazetteer), the path of a gazetteer
      written by :meth:`barq.Gazetteer.save`, or of a term file that
      :meth:`barq.Gazetteer.from_file` reads (``.csv``, ``.tsv``, ``.jsonl``, optionally
      ``.gz``). A path that names no file raises ``ValueError``. The gazetteer is built when
      the first document comes (or read back by ``from_disk``).
    * ``spans_key``: None (default) sets ``doc.ents``; a key sets ``doc.spans[spans_key]``.
    * ``overlapping``: every match of every entry (for ``spans_key``; in ``doc.ents``, which
      cannot overlap, the longest matches are kept). A saved gazetteer keeps the setting it
      was saved with.
    * ``overwrite_ents``: when False (default), a match that overlaps an entity already in
      ``doc.ents`` is dropped; when True, it replaces that entity.
    * ``alignment_mode``: how a match's characters become tokens (``doc.char_span``):
      ``"expand"`` (default: the tokens the match touches; with spaCy's own tokenizer the
      entity in ``وبالقاهرة`` is the whole token), ``"contract"`` (the tokens inside it) or
      ``"strict"`` (only matches that begin and end on token boundaries). With the barq
      tokenizer and ``clitics="atb"`` every match is on token boundaries.
    * ``default_label``: the label of matches whose entry has none (``"MISC"``).
    * ``threads``: threads for :meth:`barq.Gazetteer.find_batch` in ``nlp.pipe`` (None: all
      cores, or ``BARQ_NUM_THREADS``).

    ``span.ent_id_`` and ``span.kb_id_`` are the entry's id (``geonames:…``, ``wikidata:…`` in
    the default gazetteer).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "barq_gazetteer",
        *,
        gazetteer: str = "default",
        spans_key: str | None = None,
        overlapping: bool = False,
        overwrite_ents: bool = False,
        alignment_mode: str = "expand",
        default_label: str = "MISC",
        threads: int | None = None,
    ) -> None:
        if not isinstance(gazetteer, str):
            raise TypeError(
                f"barq_gazetteer: gazetteer must be a str, not {type(gazetteer).__name__}"
            )
        if gazetteer != "default" and not os.path.isfile(gazetteer):
            raise ValueError(
                'barq_gazetteer: gazetteer must be "default", the path of a saved gazetteer '
                "(Gazetteer.save) or of a term file (.csv, .tsv, .jsonl, optionally .gz); "
                f"no file at {gazetteer!r}"
            )
        if alignment_mode not in _ALIGNMENT_MODES:
            raise ValueError(
                f"barq_gazetteer: unknown alignment_mode {alignment_mode!r}; "
                f"valid: {list(_ALIGNMENT_MODES)}"
            )
        if threads is not None and (not isinstance(threads, int) or threads < 1):
            raise ValueError(f"barq_gazetteer: threads must be None or >= 1, not {threads!r}")
        self.nlp = nlp
        """The pipeline the component belongs to."""
        self.name = name
        """The component's name in the pipeline."""
        self.source = gazetteer
        """The ``gazetteer`` setting: ``"default"`` or the path the gazetteer is read from."""
        self.spans_key = spans_key
        """The ``spans_key`` setting (None: matches go to ``doc.ents``)."""
        self.overlapping = overlapping
        """The ``overlapping`` setting."""
        self.overwrite_ents = overwrite_ents
        """The ``overwrite_ents`` setting."""
        self.alignment_mode = alignment_mode
        """The ``alignment_mode`` setting of ``doc.char_span``."""
        self.default_label = default_label
        """The label of matches whose entry has none."""
        self.threads = threads
        """The ``threads`` of ``find_batch`` in ``nlp.pipe`` (None: all cores)."""
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The :class:`barq.Gazetteer` (built from ``gazetteer`` on first use)."""
        if self._gazetteer is None:
            self._gazetteer = _load_gazetteer(self.source, self.overlapping)
        return self._gazetteer

    @gazetteer.setter
    def gazetteer(self, g: Gazetteer) -> None:
        if not isinstance(g, barq._barq.Gazetteer):
            raise TypeError(f"gazetteer must be a barq.Gazetteer, not {type(g).__name__}")
        self._gazetteer = g

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels the gazetteer's entries carry, sorted."""
        found = {e["label"] or self.default_label for e in self.gazetteer.entries()}
        return tuple(sorted(found))

    def __call__(self, doc: Doc) -> Doc:
        return self._apply(doc, self.gazetteer.find(doc.text))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Match each batch of ``batch_size`` docs with one call of ``find_batch``."""
        g = self.gazetteer
        for batch in minibatch(stream, size=batch_size):
            found = g.find_batch([doc.text for doc in batch], threads=self.threads)
            for doc, matches in zip(batch, found, strict=True):
                yield self._apply(doc, matches or [])

    def _apply(self, doc: Doc, matches: list[Any]) -> Doc:
        spans = []
        seen = set()
        for m in matches:
            span = doc.char_span(m.start, m.end, alignment_mode=self.alignment_mode)
            if span is None:
                continue
            key = (span.start, span.end, m.label, m.id)
            if key in seen:  # with "expand", two matches may cover the same tokens
                continue
            seen.add(key)
            label = m.label or self.default_label
            spans.append(Span(doc, span.start, span.end, label=label, kb_id=m.id, span_id=m.id))
        if self.spans_key is not None:
            doc.spans[self.spans_key] = spans
            return doc
        spans = filter_spans(spans)
        if self.overwrite_ents:
            taken = set()
            for span in spans:
                taken.update(range(span.start, span.end))
            kept = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
            doc.ents = sorted(kept + spans, key=lambda s: s.start)
        else:
            taken = set()
            for e in doc.ents:
                taken.update(range(e.start, e.end))
            new = [s for s in spans if not taken.intersection(range(s.start, s.end))]
            doc.ents = sorted([*doc.ents, *new], key=lambda s: s.start)
        return doc

    # serialization: the compiled gazetteer and the settings

    def _cfg(self) -> dict[str, Any]:
        return {
            "spans_key": self.spans_key,
            "overlapping": self.overlapping,
            "overwrite_ents": self.overwrite_ents,
            "alignment_mode": self.alignment_mode,
            "default_label": self.default_label,
        }

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The component's settings and its compiled gazetteer as bytes, for spaCy's
        ``nlp.to_bytes()``; ``exclude`` is accepted and ignored."""
        cfg = json.dumps(self._cfg()).encode("utf-8")
        return len(cfg).to_bytes(4, "little") + cfg + self.gazetteer.to_bytes()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> GazetteerComponent:
        """Take the settings and gazetteer of :meth:`to_bytes` and return ``self``;
        ``ValueError`` for data that is not a serialized component."""
        n = int.from_bytes(data[:4], "little")
        try:
            cfg = json.loads(data[4 : 4 + n].decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise ValueError(f"barq_gazetteer: not a serialized barq_gazetteer: {e}") from e
        self._set_cfg(cfg)
        self._gazetteer = Gazetteer.from_bytes(data[4 + n :])
        return self

    def to_disk(self, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()) -> None:
        """Write the settings (``cfg``) and the compiled gazetteer (``gazetteer.bin``) into the
        directory ``path`` (what ``nlp.to_disk()`` calls)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg").write_text(json.dumps(self._cfg()), encoding="utf-8")
        self.gazetteer.save(path / "gazetteer.bin")

    def from_disk(
        self, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()
    ) -> GazetteerComponent:
        """Read a component written by :meth:`to_disk` into ``self`` and return it."""
        path = Path(path)
        self._set_cfg(json.loads((path / "cfg").read_text(encoding="utf-8")))
        self._gazetteer = Gazetteer.load(path / "gazetteer.bin")
        return self

    def _set_cfg(self, cfg: dict[str, Any]) -> None:
        for key, value in cfg.items():
            if key in self._cfg():
                setattr(self, key, value)


@Language.factory(
    "barq_gazetteer",
    default_config={
        "gazetteer": "default",
        "spans_key": None,
        "overlapping": False,
        "overwrite_ents": False,
        "alignment_mode": "expand",
        "default_label": "MISC",
        "threads": None,
    },
    assigns=["doc.ents", "token.ent_type", "token.ent_iob", "doc.spans"],
)
def make_gazetteer(
    nlp: Language,
    name: str,
    gazetteer: str,
    spans_key: str | None,
    overlapping: bool,
    overwrite_ents: bool,
    alignment_mode: str,
    default_label: str,
    threads: int | None,
) -> GazetteerComponent:
    """The ``barq_gazetteer`` factory (see :class:`GazetteerComponent`)."""
    return GazetteerComponent(
        nlp,
        name,
        gazetteer=gazetteer,
        spans_key=spans_key,
        overlapping=overlapping,
        overwrite_ents=overwrite_ents,
        alignment_mode=alignment_mode,
        default_label=default_label,
        threads=threads,
    )
