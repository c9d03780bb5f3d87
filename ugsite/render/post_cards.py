"""The `post_card(post, level=2)` global: a post's card (partials/post_card.html), drawn once per process.

List pages show each post again and again (every page of posts, each of its tags' pages, its
authors' pages); its card is the same every time, so a process draws it once and repeats it.
The card sees `post`, `level`, and the calling page's `site` and `people`, which are part of
every page's context and so of every page's fingerprint.

Worker processes forked to render list pages would each draw most cards again, since a post's
pages fall to different workers: `draw` draws the cards those pages will ask for once, shared
out among workers, before the workers that render the pages are forked and inherit them.
"""

from __future__ import annotations

from collections.abc import Sequence

import jinja2
from markupsafe import Markup

from ugsite.parallel import fork_map

CARD_TEMPLATE = "partials/post_card.html"
PARALLEL_THRESHOLD = 200  # cards to draw before worker processes pay for themselves

# What a card is drawn from: the post, the calling page's `site` and `people`, and the heading level.
Wanted = tuple[object, object, object, int]


class PostCards:
    """The cards drawn in this process, by the identity of what each was drawn from."""

    renders = (CARD_TEMPLATE,)  # read by the fingerprints of the pages that call it

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        # Each entry holds the objects its key names, so that their ids cannot pass to others meanwhile.
        self._cards: dict[tuple[int, int, int, int], tuple[Wanted, Markup]] = {}

    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context, post: object, level: int = 2) -> Markup:
        wanted = (post, context["site"], context["people"], level)
        key = _key(wanted)
        hit = self._cards.get(key)
        if hit is None:
            hit = self._cards[key] = (wanted, Markup(self._draw(wanted)))
        return hit[1]

    def drawn(self, post: object, site: object, people: object, level: int = 2) -> bool:
        """Say whether this process has drawn the card of `post` as a page with `site` and `people` asks for it."""
        return _key((post, site, people, level)) in self._cards

    def draw(self, wanted: Sequence[Wanted], workers: int) -> None:
        """Draw each card of `wanted` not drawn yet, in `workers` processes.

        A card whose template fails is left undrawn: the page that shows it reports the error.
        """
        missing = list({_key(w): w for w in wanted if _key(w) not in self._cards}.values())
        for one, html in zip(missing, fork_map(self._try_draw, missing, PARALLEL_THRESHOLD, workers)):
            if html is not None:
                self._cards[_key(one)] = (one, Markup(html))

    def _draw(self, wanted: Wanted) -> str:
        post, site, people, level = wanted
        return self._env.get_template(CARD_TEMPLATE).render(post=post, site=site, people=people, level=level)

    def _try_draw(self, wanted: Wanted) -> str | None:
        try:
            return self._draw(wanted)
        except Exception:  # noqa: BLE001 - drawn again by the page that shows it, which reports what failed
            return None


def _key(wanted: Wanted) -> tuple[int, int, int, int]:
    post, site, people, level = wanted
    return id(post), id(site), id(people), level
