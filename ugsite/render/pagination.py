"""Split long lists into numbered pages with links to their neighbours."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ugsite.site import routes

T = TypeVar("T")


@dataclass(frozen=True)
class Pagination(Generic[T]):
    """One page of a list: its items, its number, and the routes of its neighbours."""

    # Each field's docstring is its entry in the README's template reference.
    items: tuple[T, ...]
    """the items of this page"""
    number: int
    """its number, from 1"""
    count: int
    """how many pages the list has"""
    route: str
    """its route"""
    previous_route: str | None
    """the route of the page before (newer items), or none on the first"""
    next_route: str | None
    """the route of the page after (older items), or none on the last"""


def paginate(items: Sequence[T], per_page: int, first_route: str) -> list[Pagination[T]]:
    """Return the pages of `items`: page 1 at `first_route`, page n at `first_route/page/n/`."""
    chunks = [tuple(items[i : i + per_page]) for i in range(0, len(items), per_page)] or [()]
    pages = [routes.list_page(first_route, n) for n in range(1, len(chunks) + 1)]
    return [
        Pagination(chunk, n, len(chunks), pages[n - 1],
                   pages[n - 2] if n > 1 else None, pages[n] if n < len(chunks) else None)
        for n, chunk in enumerate(chunks, start=1)
    ]
