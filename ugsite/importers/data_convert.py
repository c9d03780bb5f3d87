"""Bring an old site's data files over as YAML that ugsite reads, reporting each change of shape.

Most data files come over as they are (site.data.NAME in templates). Those named like ugsite's
own records (speakers, sponsors, venues) must have their shape: a list of entries with names
becomes a mapping keyed by the names' slugs, and fields ugsite does not know go under each
entry's `extra:`; a file that still does not fit, and any `series` file (ugsite's series are its
own), is kept under another name, so the site builds and nothing is lost.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from ugsite.site.data_files import RECORD_FIELDS
from ugsite.content.frontmatter import decode_text
from ugsite.importers.fields import Imported, plain
from ugsite.importers.report import Note
from ugsite.content.slugs import slug_problem, slugify
from ugsite.content.urls import link_problem
from ugsite.content.yaml_source import load_yaml

_JSON_COMMENT = re.compile(r'("(?:[^"\\]|\\.)*")|//[^\n]*|/\*.*?\*/', re.S)
_RESERVED = {"series"}  # ugsite's own format; another site's file of that name is something else


def convert_data(source: Path, folder: str, out: Imported) -> None:
    """Bring the data files of `source/folder` over as data/NAME.yaml (YAML, JSON, TOML and CSV)."""
    base = source / folder
    if not base.is_dir():
        return
    for file in sorted(base.rglob("*")):
        if not file.is_file():
            continue
        rel = file.relative_to(source).as_posix()
        name = file.relative_to(base).with_suffix("").as_posix().replace("/", "-")
        text, _ = decode_text(file.read_bytes(), rel)
        value, kept, why = _read(file.suffix.lower(), text or "", rel, out)
        if why:
            out.notes.append(Note(rel, why, "skipped" if "kind ugsite does not read" in why else "needs a person"))
            continue
        name, value, changed = _fitted(name, value, rel, out)
        target = f"data/{name}.yaml"
        out.files[target] = kept if kept is not None and not changed else yaml.safe_dump(
            plain(value), allow_unicode=True, sort_keys=False)
        out.notes.append(Note(rel, f"became {target} (site.data.{name} in templates)", "moved"))


def _read(suffix: str, text: str, rel: str, out: Imported) -> tuple[Any, str | None, str]:
    """Return a data file's value, its text when it can be kept as it is, and why it cannot be read ("" if it can)."""
    try:
        if suffix in (".yml", ".yaml"):
            return _yaml(text, rel, out)
        if suffix == ".toml":
            return tomllib.loads(text), None, ""
        if suffix == ".json":
            return _json(text, rel, out), None, ""
        if suffix in (".csv", ".tsv"):
            return list(csv.DictReader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")), None, ""
    except (ValueError, csv.Error, tomllib.TOMLDecodeError, yaml.YAMLError, RecursionError) as exc:
        return None, None, f"the data file cannot be read ({' '.join(str(exc).split())}); it was left out"
    return None, None, "a data file of a kind ugsite does not read was left out"


def _yaml(text: str, rel: str, out: Imported) -> tuple[Any, str | None, str]:
    """Read YAML as ugsite does; several documents in one file become a list of them."""
    value, problems = load_yaml(text, rel)
    if not problems:
        return value, text, ""
    documents = [d for d in yaml.safe_load_all(text) if d is not None]
    out.notes.append(Note(rel, f"its {len(documents)} YAML documents became one list"))
    return documents, None, ""


def _json(text: str, rel: str, out: Imported) -> Any:
    """Read JSON, and JSON with comments (// and /* */) as some sites write it."""
    try:
        return json.loads(text or "null")
    except ValueError:
        value = json.loads(_JSON_COMMENT.sub(lambda m: m.group(1) or "", text) or "null")
        out.notes.append(Note(rel, "its comments were left out (JSON has none)"))
        return value


def _fitted(name: str, value: Any, rel: str, out: Imported) -> tuple[str, Any, bool]:
    """Return the name and value under which a data file fits ugsite, and whether the value changed."""
    if name in _RESERVED or (name in RECORD_FIELDS and _records(name, value) is None):
        new = f"{name}_imported"
        out.notes.append(Note(rel, f"it is not in the shape of ugsite's data/{name}.yaml, so it is kept as "
                              f"data/{new}.yaml (site.data.{new} in templates); move what ugsite should show into "
                              f"data/{name}.yaml", "needs a person"))
        return new, value, False
    if name in RECORD_FIELDS:
        records = _records(name, value)
        assert records is not None
        if records != value:
            out.notes.append(Note(rel, f"its entries were keyed by their names and fields ugsite's {name} do not "
                                  "have were put under each one's extra:"))
        return name, records, records != value
    return name, value, False


def _records(kind: str, value: Any) -> dict[str, Any] | None:
    """Return speakers, sponsors or venues in ugsite's shape (key -> fields, unknown ones under extra), or None."""
    if isinstance(value, list) and all(isinstance(v, dict) and isinstance(v.get("name"), str) for v in value):
        keyed: dict[str, Any] = {}
        for entry in value:
            key, number = slugify(entry["name"]) or kind, 2
            while key in keyed:
                key, number = f"{slugify(entry['name'])}-{number}", number + 1
            keyed[key] = entry
        value = keyed
    if not isinstance(value, dict) or not all(isinstance(v, dict) and isinstance(v.get("name"), str) and
                                              slug_problem(str(k)) is None for k, v in value.items()):
        return None
    return {str(k): _entry(kind, entry) for k, entry in value.items()}


def _entry(kind: str, entry: dict[str, Any]) -> dict[str, Any]:
    """Return one record with the fields ugsite reads as it reads them, and every other one under extra."""
    fitting = {f: v for f, v in entry.items() if f != "extra" and _fits(kind, f, v)}
    rest = {f: v for f, v in entry.items() if f != "extra" and f not in fitting}
    extra = {**(entry["extra"] if isinstance(entry.get("extra"), dict) else {}), **rest}
    return {**fitting, **({"extra": extra} if extra else {})}


def _fits(kind: str, name: str, value: Any) -> bool:
    """Say whether ugsite reads `value` as the field `name` of a speaker, sponsor or venue."""
    if name not in RECORD_FIELDS[kind]:
        return False
    if name in ("lat", "lon"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if not isinstance(value, str):
        return False
    return name not in ("url", "avatar", "logo") or link_problem(value) is None
