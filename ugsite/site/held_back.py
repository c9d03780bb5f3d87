"""A source file a build leaves out on purpose.

Apart from the model (ugsite.site.model), which is many classes to load: the report of a build,
read back by a build that reuses it whole, names the files it held back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class HeldBack:
    """A source file left out of this build on purpose (a draft, or a post dated later)."""

    source: str
    reason: Literal["draft", "future"]
