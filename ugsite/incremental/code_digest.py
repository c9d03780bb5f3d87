"""A digest of everything besides a site that shapes its output: ugsite's own code and themes, and the
versions of the libraries that render Markdown, code, templates, feeds, calendars and cards.

It is part of every cache key, so no cached value outlives a change of any of them: a fix to
ugsite installed from git (with the same version number) or a new Pygments never serves old bytes.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from ugsite.render.theme_folder import builtin_themes

# The distributions whose code decides the bytes of a page, a feed or a calendar
# (anyascii the addresses, babel the text direction of the site's language).
LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "pygments", "jinja2", "markupsafe", "icalendar", "feedgen",
             "pyyaml", "python-dateutil", "tzdata", "imagesize", "pillow", "anyascii", "babel")


@cache
def code_digest() -> str:
    """Return the digest of ugsite's code and built-in themes, and of the versions of LIBRARIES."""
    from importlib import metadata  # only builds that use the cache need it, and it takes a while to load

    digest = hashlib.sha256()
    package = Path(__file__).parents[1]
    for root in (package, builtin_themes()):
        for file in sorted(root.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts and file.suffix not in (".pyc", ".pyo"):
                digest.update(f"{file.relative_to(root).as_posix()}\0".encode("utf-8", "surrogateescape"))
                digest.update(hashlib.sha256(file.read_bytes()).digest())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}\0".encode())
    return digest.hexdigest()[:32]
