"""Read an import source that may be a file or a web address (`https://`, `webcal://`)."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ugsite import __version__

MAX_BYTES = 64 * 1024 * 1024  # a calendar or export larger than this is not a group's
TIMEOUT = 60


@dataclass(frozen=True)
class Fetched:
    """The bytes of a source, or why there are none."""

    data: bytes | None
    problem: str = ""


def is_address(source: str) -> bool:
    """Say whether `source` is a web address rather than a file."""
    return source.lower().startswith(("http://", "https://", "webcal://", "webcals://"))


def fetch(source: str) -> Fetched:
    """Return the bytes at `source`: a web address (webcal:// is fetched over https) or a file."""
    if not is_address(source):
        try:
            return Fetched(Path(source).read_bytes())
        except OSError as exc:
            return Fetched(None, f"it cannot be read: {exc.strerror or exc}")
    url = "https://" + source.split("://", 1)[1] if source.lower().startswith("webcal") else source
    request = urllib.request.Request(url, headers={"User-Agent": f"ugsite/{__version__} (calendar import)",
                                                   "Accept": "text/calendar, application/json, */*"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - http(s) only, above
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        return Fetched(None, f"the server answered {exc.code} {exc.reason}; check the address in a browser")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return Fetched(None, f"it cannot be fetched ({reason}); check the address and the network")
    if len(data) > MAX_BYTES:
        return Fetched(None, f"it is larger than {MAX_BYTES // 1024 // 1024} MB, which no group calendar is")
    return Fetched(data)
