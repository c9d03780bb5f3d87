"""Work out the pip requirement that installs this very ugsite on a fresh machine, and spot ones that cannot."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from urllib.request import url2pathname

from ugsite import __version__
from ugsite.problems import Problem, warning

REQUIREMENTS = "requirements.txt"
_LOCAL = re.compile(r"(^|[\s@+])(file:|\.{1,2}/|/|~)|\.whl$|\.tar\.gz$|\.zip$")


@dataclass(frozen=True)
class Requirement:
    """A requirements.txt line for ugsite, and whether a fresh machine (CI) can install it."""

    line: str
    portable: bool
    hint: str | None = None


def this_requirement() -> Requirement:
    """Return the requirement that reproduces the installation of ugsite that is running."""
    source = Path(__file__).resolve().parents[2]
    try:
        dist = metadata.distribution("ugsite")
    except metadata.PackageNotFoundError:
        return _local(source.as_uri(), source)
    text = dist.read_text("direct_url.json")
    direct_url = json.loads(text) if text else None
    installed = Path(str(dist.locate_file("ugsite/__init__.py")))
    if not (direct_url or {}).get("dir_info", {}).get("editable") and installed.resolve() != Path(__file__).resolve().parents[1] / "__init__.py":
        return _local(source.as_uri(), source)  # running from a source folder, beside another installation
    return requirement_for(dist.version, direct_url, source)


def requirement_for(version: str, direct_url: dict[str, Any] | None, source: Path | None = None) -> Requirement:
    """Return the requirement for ugsite `version` installed as PEP 610's `direct_url` says (None: from an index)."""
    if not direct_url:
        return Requirement(f"ugsite=={version}", True)
    url = str(direct_url.get("url", ""))
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, dict):
        line = f"ugsite @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}"
        if urlsplit(url).scheme == "file":
            return Requirement(line, False, _hint(version, None))
        return Requirement(line, True)
    if isinstance(direct_url.get("archive_info"), dict) and urlsplit(url).scheme in ("http", "https"):
        return Requirement(f"ugsite @ {url}", True)
    folder = Path(url2pathname(urlsplit(url).path)) if urlsplit(url).scheme == "file" else source
    return _local(url, folder if folder and folder.is_dir() else None, version)


def _local(url: str, folder: Path | None, version: str = __version__) -> Requirement:
    return Requirement(f"ugsite @ {url}", False, _hint(version, folder))


def _hint(version: str, folder: Path | None) -> str:
    git = _git_requirement(folder) if folder else None
    if git:
        return f"write `{git}` there (the commit you have, as pushed), or `ugsite=={version}` once that version is on PyPI"
    return (f"write `ugsite=={version}` there if that version is on PyPI, or `ugsite @ git+https://github.com/OWNER/ugsite@COMMIT` "
            "for a copy of ugsite on GitHub")


def _git_requirement(folder: Path) -> str | None:
    """Return `ugsite @ git+URL@COMMIT` for a git checkout whose origin is on the web."""
    try:
        origin = subprocess.run(["git", "-C", str(folder), "remote", "get-url", "origin"],
                                capture_output=True, text=True, timeout=10)
        head = subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    url, commit = origin.stdout.strip(), head.stdout.strip()
    if origin.returncode or head.returncode or not url or not commit:
        return None
    scp = re.fullmatch(r"[\w.-]+@([\w.-]+):(.+)", url)  # git@github.com:org/ugsite.git
    if scp:
        url = f"https://{scp.group(1)}/{scp.group(2)}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    clean = urlunsplit((parts.scheme, parts.hostname + (f":{parts.port}" if parts.port else ""), parts.path, "", ""))
    return f"ugsite @ git+{clean}@{commit}"


def requirement_problems(root: Path) -> list[Problem]:
    """Warn about lines of the site's requirements.txt that a fresh machine (CI) cannot install."""
    file = root / REQUIREMENTS
    try:
        lines = file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    found = []
    for number, raw in enumerate(lines, 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        target = re.sub(r"^(-e|--editable)(\s+|=)", "", line)
        if target.startswith("-"):
            continue
        if _LOCAL.search(target):
            found.append(warning(REQUIREMENTS, f"'{line}' is a file or folder on this computer, so GitHub Actions "
                                 "cannot install it and the site's workflow will fail", number,
                                 _hint(__version__, _folder_of(target, root))))
    return found


def _folder_of(target: str, root: Path) -> Path | None:
    """Return the folder a local requirement points at, when it is one (a git checkout may say how to share it)."""
    url = re.search(r"file:[^\s@#]*", target)
    path = Path(url2pathname(urlsplit(url.group()).path)) if url else (root / target.split()[0]).expanduser()
    return path if path.is_dir() else None
