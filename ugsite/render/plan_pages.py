"""Plan an HTML page: its context, given what every page of the site shares."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from ugsite.render.page_contexts import FrameContext, NavLink, PageMeta
from ugsite.render.outputs import TemplateOutput
from ugsite.site.model import Site, Speaker
from ugsite.site.speech import Speech

Fields = ParamSpec("Fields")
# A FrameContext class: made from what every page shares, then its own fields.
PageKind = Callable[Concatenate[Site, tuple[NavLink, ...], Mapping[str, Speaker], PageMeta, Fields], FrameContext]
Value = TypeVar("Value")


class Memo(Protocol):
    """Work out a value the plan needs, or give the one worked out before from equal arguments.

    `args` must be all that `compute` reads: the build cache (ugsite.incremental.plan_memo)
    keeps values under a digest of `name` and `args`, and of ugsite's code.
    """

    def __call__(self, name: str, args: tuple[Any, ...], compute: Callable[[], Value]) -> Value: ...


def compute_now(name: str, args: tuple[Any, ...], compute: Callable[[], Value]) -> Value:
    """The Memo of a build without a cache: work the value out."""
    return compute()


@dataclass(frozen=True)
class PageFrame:
    """What every HTML page of a site shares: the site, its menu, its people, the image of pages without one,
    and the language they speak."""

    site: Site
    nav: tuple[NavLink, ...]
    people: Mapping[str, Speaker]
    default_image: str | None
    speech: Speech
    memo: Memo = field(default=compute_now)

    def page(self, route: str, source: str, kind: PageKind[Fields], meta: PageMeta, /,
             *args: Fields.args, **fields: Fields.kwargs) -> TemplateOutput:
        """Return the page at `route` of this kind, given its own fields; its image defaults to the site's."""
        if meta.route != route or (not meta.image and self.default_image):  # most pages' meta says so already
            meta = replace(meta, route=route, image=meta.image or self.default_image)
        return TemplateOutput(route, source, kind(self.site, self.nav, self.people, meta, *args, **fields))
