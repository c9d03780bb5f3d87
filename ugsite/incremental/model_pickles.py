"""How the model's objects are pickled into the build cache, its fingerprints and between processes.

The build cache (ugsite.incremental.cache) does not load the model: a build that reuses the
last one whole reads back only its report. The modules that pickle model objects call
`pickle_compactly` when they load, so the forms below are the ones every build writes and digests.
"""

from __future__ import annotations

import copyreg
import dataclasses
import functools
from typing import Any

from ugsite.content.markdown import Rendered
from ugsite.site.documents import DocumentSource
from ugsite.site.model import Term


@functools.cache
def _term(kind: Any, name: str, slug: str) -> Term:
    return Term(kind, name, slug)


_SOURCE_FIELDS = tuple(f.name for f in dataclasses.fields(DocumentSource))
_RENDERED_FIELDS = tuple(f.name for f in dataclasses.fields(Rendered))


def _document_source(values: tuple[Any, ...]) -> DocumentSource:
    source = object.__new__(DocumentSource)
    source.__dict__.update(zip(_SOURCE_FIELDS, values))
    return source


def _rendered(values: tuple[Any, ...]) -> Rendered:
    rendered = object.__new__(Rendered)
    rendered.__dict__.update(zip(_RENDERED_FIELDS, values))
    return rendered


def pickle_compactly() -> None:
    """Have pickle, in this process and the workers it forks, write tags, the front matter of documents and what
    rendering their bodies found compactly."""
    # A site's posts share a few dozen tags: read back, each is one object again, not one per post
    # that names it (the front matter of ten thousand posts with three tags each unpickles in about
    # a quarter less time).
    copyreg.pickle(Term, lambda term: (_term, (term.kind, term.name, term.slug)))
    # The checked front matter of every post is read back at every build: as the tuple of its fields'
    # values rather than a dict of them by name, ten thousand posts' unpickle in about a quarter less time.
    copyreg.pickle(DocumentSource, lambda source: (_document_source, (tuple(vars(source)[n] for n in _SOURCE_FIELDS),)))
    # So is what rendering each body found (its HTML apart), as the cache keeps it and workers send it: in two
    # fifths less time than a dict of its fields by name.
    copyreg.pickle(Rendered, lambda rendered: (_rendered, (tuple(vars(rendered)[n] for n in _RENDERED_FIELDS),)))
