"""Lighthouse, as a phone, on the example site: accessibility, best practices and SEO score 100.

The performance score depends on timing on a shared machine, so `python -m bench.lighthouse`
measures it instead (a speed figure is never a test's assertion).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.lighthouse import LIGHTHOUSE, audit, failing, scores, served_example

PAGES = ("", "events/", "events/calendar/", "posts/pattern-matching-recap/")
HELD = ("accessibility", "best-practices", "seo")  # the categories held at 100


@pytest.fixture(scope="module")
def origin() -> Iterator[str]:
    assert LIGHTHOUSE.is_file(), f"Lighthouse is missing at {LIGHTHOUSE}: run the README's test command"
    with served_example() as address:
        yield address


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_scores_100_on_a_phone_for_accessibility_best_practices_and_seo(origin: str, page: str) -> None:
    report = audit(origin + page, HELD)  # the performance audits, the slowest, are the bench's
    found = scores(report)
    for category in HELD:
        assert found[category] == 1, (category, failing(report, category))
