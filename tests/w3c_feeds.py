"""Validate a built site's RSS and Atom feeds offline with a checkout of the W3C Feed Validation Service.

Not a test pytest collects, nor one CI runs: the validator is on no package index and CI machines
cannot fetch it. Run it by hand with a checkout of https://github.com/w3c/feedvalidator (its `src/`
needs `html5lib`, which ugsite's development environment has):

    python -m ugsite build example-content -o /tmp/site
    python tests/w3c_feeds.py ~/src/feedvalidator /tmp/site

Every `.xml` file under the site whose root is `<rss>`, `<feed>` (Atom) or `<rdf:RDF>` is validated
from its bytes, with its own address (the site's base URL plus its path) as its base and its
self-link, the way the online service validates a feed by URL; the network is shut off while it
runs. Findings are filtered as the online service does (errors and warnings) and printed per feed;
the exit status is 1 when there is an error (2 when `--strict` and there is only a warning).
"""

from __future__ import annotations

import argparse
import io
import socket
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urljoin

FEED_ROOTS = {"rss", "{http://www.w3.org/2005/Atom}feed", "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def _no_network(*args: Any, **kwargs: Any) -> NoReturn:
    raise OSError("w3c_feeds.py validates offline: the validator tried to reach the network")


def shut_off_network() -> None:
    """Make every attempt to open a connection or resolve a name fail."""
    socket.socket.connect = _no_network  # type: ignore[method-assign]
    socket.socket.connect_ex = _no_network  # type: ignore[method-assign]
    socket.create_connection = _no_network
    socket.getaddrinfo = _no_network


def root_tag(path: Path) -> str | None:
    """Return the tag of the root element of an XML file, or None when it is not well-formed at its start."""
    try:
        for _, element in ET.iterparse(path, events=("start",)):
            return str(element.tag)
    except ET.ParseError:
        return "?"  # not well-formed: the validator says where and why
    return None


def site_base_url(site: Path) -> str:
    """Return the site's base URL: the first address of its sitemap, which ugsite writes for the home page."""
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        for _, element in ET.iterparse(sitemap):
            if element.tag == SITEMAP and element.text:
                return element.text.strip()
    sys.exit(f"w3c_feeds.py: {site} has no sitemap.xml to read the base URL from; give --base-url")


def feeds(site: Path) -> list[Path]:
    """Return the RSS and Atom feeds under `site`, by path."""
    found = []
    for path in sorted(site.rglob("*.xml")):
        tag = root_tag(path)
        if tag in FEED_ROOTS or (tag == "?" and path.name != "sitemap.xml"):
            found.append(path)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("feedvalidator", type=Path, help="a checkout of github.com/w3c/feedvalidator")
    parser.add_argument("site", type=Path, help="a built site's folder")
    parser.add_argument("--base-url", help="the site's address (default: the first address in its sitemap.xml)")
    parser.add_argument("--strict", action="store_true", help="exit with 2 when there are warnings only")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.feedvalidator / "src"))
    shut_off_network()
    import feedvalidator  # type: ignore[import-not-found]
    from feedvalidator import compatibility
    from feedvalidator.formatter.text_plain import Formatter  # type: ignore[import-not-found]
    from feedvalidator.logging import Error, ValidationFailure  # type: ignore[import-not-found]

    base = args.base_url or site_base_url(args.site)
    base = base if base.endswith("/") else base + "/"
    paths = feeds(args.site)
    if not paths:
        sys.exit(f"w3c_feeds.py: no RSS or Atom feed under {args.site}")
    errors = warnings = 0
    for path in paths:
        relative = path.relative_to(args.site).as_posix()
        url = urljoin(base, relative)
        try:
            result = feedvalidator.validateStream(io.BytesIO(path.read_bytes()), base=url)
            events = result["loggedEvents"]
            kind = result.get("feedType")
        except ValidationFailure as failure:
            events, kind = [failure.event], None
        findings = compatibility.AA(events)
        feed_errors = sum(isinstance(event, Error) for event in findings)
        errors, warnings = errors + feed_errors, warnings + len(findings) - feed_errors
        print(f"{relative} ({url}): {feed_errors} errors, {len(findings) - feed_errors} warnings"
              + ("" if kind else " (not recognized as a feed)"))
        for event in findings:
            level = "error" if isinstance(event, Error) else "warning"
            print(f"  {level}: {Formatter([event])[0]}")
    print(f"{len(paths)} feeds: {errors} errors, {warnings} warnings")
    return 1 if errors else 2 if warnings and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
