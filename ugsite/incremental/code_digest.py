"""A digest of everything besides a site that shapes its output: ugsite's own code and themes, and the
versions of the libraries that render Markdown, code, templates, feeds, calendars and cards.

It is part of every cache key, so no cached value outlives a change of any of them: a fix to
ugsite installed from git (with the same version number) or a new Pygments never serves old bytes.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from ugsite.render.theme_folder import builtin_themes

# The distributions whose code decides the bytes of a page, a feed or a calendar
# (anyascii the addresses, babel the text direction of the site's language).
LIBRARIES = ("markdown-it-py", "mdit-py-plugins", "pygments", "jinja2", "markupsafe", "icalendar", "feedgen",
             "pyyaml", "python-dateutil", "tzdata", "imagesize", "pillow", "anyascii", "babel")


_INSTALLED = (".dist-info", ".egg-info")  # what pip and setuptools install beside a library, its version in the name
_KNOWN: dict[str, str] = {}  # "digest": the digest, once this process has it


def code_digest() -> str:
    """Return the digest of ugsite's code and built-in themes, and of the versions of LIBRARIES."""
    if (known := _KNOWN.get("digest")) is None:
        known = _KNOWN["digest"] = _worked_out()
    return known


def remember_code_digest(note: Path) -> str:
    """Return code_digest(), read from `note` when nothing it is worked out from has changed since it was written there.

    Whether anything changed is told as Python tells whether a module's bytecode is current,
    from the size and times of each file of ugsite and its themes; and from the names of the
    installed distributions in each folder Python imports from, which name their versions
    (`pygments-2.19.1.dist-info`). So a build that reuses the last one loads no library
    metadata and reads none of ugsite's files.
    """
    if (known := _KNOWN.get("digest")) is not None:
        return known
    stamp = _stamp()
    try:
        kept_stamp, kept = note.read_text(encoding="ascii").split()
    except (OSError, ValueError, UnicodeDecodeError):
        kept_stamp = kept = ""
    if kept_stamp == stamp and len(kept) == 32:
        _KNOWN["digest"] = kept
        return kept
    digest = code_digest()
    written = note.with_name(f".{note.name}.{os.getpid()}")
    try:
        written.write_text(f"{stamp} {digest}\n", encoding="ascii")
        written.replace(note)
    except OSError:  # a note that cannot be written only costs the next build the work again
        written.unlink(missing_ok=True)
    return digest


def _code_files() -> list[tuple[Path, str]]:
    """Return each file of ugsite's code and built-in themes, with its path inside its folder, in order."""
    found = []
    for root in (Path(__file__).parents[1], builtin_themes()):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            base = Path(folder)
            files_here = (base / name for name in sorted(files) if not name.endswith((".pyc", ".pyo")))
            found += [(file, file.relative_to(root).as_posix()) for file in files_here
                      if file.is_file()]  # not a dangling link
    return found


def _stamp() -> str:
    """Return a digest of the size and times of each of ugsite's files, and of the distributions Python can import."""
    digest = hashlib.sha256()
    for file, name in _code_files():
        try:
            stat = file.stat()
        except OSError:
            continue
        digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}\n"
                      .encode("utf-8", "surrogateescape"))
    for entry in sys.path:
        try:
            found = sorted(name for name in os.listdir(entry or ".") if name.endswith(_INSTALLED))
        except OSError:
            continue
        digest.update(f"{entry}\0{'/'.join(found)}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _worked_out() -> str:
    from importlib import metadata  # only builds that use the cache need it, and it takes a while to load

    digest = hashlib.sha256()
    for file, name in _code_files():
        digest.update(f"{name}\0".encode("utf-8", "surrogateescape"))
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}\0".encode())
    return digest.hexdigest()[:32]
