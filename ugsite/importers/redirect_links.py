"""Point links at addresses the old host redirected to where those redirects led.

An old site's host often answered some addresses with a redirect rather than a page (`/mailing-list` to the
list's sign-up page, an old post's address to its new one). ugsite builds pages, not host rules, so a link to
such an address would lead nowhere; it is pointed where the redirect led instead, when that is a web address
or an address the imported site serves. The redirects are read where hosts and generators keep them:
Netlify's `_redirects` and `netlify.toml`, Apache's `Redirect` lines in `.htaccess`, and a data file named
`redirects` (JSON, YAML or TOML) listing `from`/`to` entries.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ugsite.importers.assets import HTML_LINK, MARKDOWN_LINK
from ugsite.importers.broken_links import normal_address, served_addresses
from ugsite.importers.fields import Imported, document, plain
from ugsite.importers.report import Note

_SKIPPED = {"node_modules", "vendor", "public", "build", "_site", "output", "themes", ".git"}
_DATA_NAMES = ("redirects.json", "redirects.yaml", "redirects.yml", "redirects.toml")
_FROM = ("from", "source", "old", "path")
_TO = ("to", "destination", "target", "new", "url")
_LARGEST = 1_000_000
_REFERENCE = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*<?)([^\s>]+)(>?)", re.M)  # [name]: /address "title"


def read_redirects(source: Path) -> dict[str, tuple[str, str]]:
    """Return the old host's redirects: normal address -> (where it led, the file that says so)."""
    found: dict[str, tuple[str, str]] = {}
    for file in sorted(source.rglob("*")):
        rel = file.relative_to(source)
        if any(part in _SKIPPED for part in rel.parts) or not file.is_file() or file.stat().st_size > _LARGEST:
            continue
        name = file.name.lower()
        text = file.read_bytes().decode("utf-8", errors="replace")
        if name == "_redirects":
            pairs = _netlify_lines(text)
        elif name == "netlify.toml":
            pairs = _netlify_toml(text)
        elif name == ".htaccess":
            pairs = _apache(text)
        elif name in _DATA_NAMES:
            pairs = _data_file(name, text)
        else:
            continue
        for old, new in pairs:
            if "*" not in old and ":" not in old.lstrip("/").split("/")[0] and not re.search(r"/:\w", old):
                found.setdefault(normal_address(old), (new, rel.as_posix()))
    return found


def _netlify_lines(text: str) -> list[tuple[str, str]]:
    """`/from /to 301` per line, as Netlify's `_redirects` writes them."""
    pairs = []
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) >= 2 and words[0].startswith("/") and not (len(words) > 2 and words[2].startswith("200")):
            pairs.append((words[0], words[1]))  # a 200 is a rewrite: the address serves the other's content
    return pairs


def _netlify_toml(text: str) -> list[tuple[str, str]]:
    try:
        config = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return []
    rules = config.get("redirects")
    return [(str(r["from"]), str(r["to"])) for r in rules if isinstance(r, dict) and "from" in r and "to" in r
            and r.get("status", 301) != 200] if isinstance(rules, list) else []


def _apache(text: str) -> list[tuple[str, str]]:
    """`Redirect [status] /from to` and `RedirectPermanent /from to` (mod_alias)."""
    found = re.findall(r"^\s*Redirect(?:Permanent|Temp)?\s+(?:\d{3}\s+|permanent\s+|temp\s+|seeother\s+)?(/\S*)\s+(\S+)",
                       text, re.M | re.I)
    return [(old, new) for old, new in found]


def _data_file(name: str, text: str) -> list[tuple[str, str]]:
    """A list of `{from, to}` mappings (or a mapping of from -> to) in a data file named redirects."""
    try:
        if name.endswith(".json"):
            data = json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.M))  # comments, which JSON lacks
        elif name.endswith(".toml"):
            data = tomllib.loads(text)
            data = data.get("redirects", data)
        else:
            data = yaml.safe_load(text)
    except (ValueError, yaml.YAMLError, tomllib.TOMLDecodeError):
        return []
    if isinstance(data, dict):
        return [(_rooted(k), str(v)) for k, v in data.items() if isinstance(v, str)]
    pairs = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict):
            old = next((item[k] for k in _FROM if isinstance(item.get(k), str)), None)
            new = next((item[k] for k in _TO if isinstance(item.get(k), str)), None)
            if old and new:
                pairs.append((_rooted(old), new))
    return pairs


def _rooted(address: str) -> str:
    return address if address.startswith(("/", "http://", "https://")) else "/" + address.lstrip("^")


def follow_redirects(source: Path, out: Imported, host: str | None) -> None:
    """Point each link of an imported post or page at an address the old host redirected where it led."""
    redirects = read_redirects(source)
    if not redirects:
        return
    served = served_addresses(out)
    for path, parsed in out.documents():
        followed: list[tuple[str, str, str]] = []

        def follow(match: re.Match[str]) -> str:
            url = match.group(2)
            new = _led_to(url, redirects, served, host)
            if new is None:
                return match.group()
            followed.append((url, new, redirects[normal_address(_own(url, host) or "")][1]))
            return f"{match.group(1)}{new}{match.group(3)}"

        body = _REFERENCE.sub(follow, HTML_LINK.sub(follow, MARKDOWN_LINK.sub(follow, parsed.body)))
        if followed:
            out.files[path] = document(plain(parsed.meta), body)
            origin = out.origins.get(path, path)
            for url, new, rule in sorted(set(followed)):
                out.notes.append(Note(origin, f"the link {url} was a redirect of the old host ({rule}): it leads "
                                      f"to {new} now, where the redirect led"))


def _own(url: str, host: str | None) -> str | None:
    """Return the path of a link to the site itself (`/x`, or `https://HOST/x`), else None."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and host and parts.netloc.lower().removeprefix("www.") == host:
        return parts.path or "/"
    if not parts.scheme and not parts.netloc and url.startswith("/"):
        return parts.path
    return None


def _led_to(url: str, redirects: dict[str, tuple[str, str]], served: set[str], host: str | None) -> str | None:
    """Return where a link to a redirected address leads in the end, when that is known to exist."""
    path = _own(url, host)
    seen: set[str] = set()
    new = None
    while path is not None and normal_address(path) in redirects and normal_address(path) not in served \
            and path not in seen:
        seen.add(path)
        new = redirects[normal_address(path)][0]
        path = _own(new, host)
    if new is None:
        return None
    if path is not None and normal_address(path) not in served:
        return None  # it led to another address the new site does not have either
    new = path if path is not None and "#" not in new else new  # the site's own address, from its root
    fragment = urlsplit(url).fragment
    return new if not fragment or "#" in new else f"{new}#{fragment}"
