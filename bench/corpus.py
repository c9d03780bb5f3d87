"""Write a deterministic, realistic corpus of Markdown posts for benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = (
    "python meetup talk group community speaker workshop venue pizza code test package data async "
    "type library release module function class pattern match feed calendar event organizer newcomer "
    "question answer slide demo project contributor review merge deploy server browser template"
).split()
TAGS = [f"topic-{a}{b}" for a in "abcdefgh" for b in "uvxyz"]  # 40 tags; no digits, so no clash with page numbers
LANGS = ["python", "bash", "toml", "yaml", "json"]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, words: int) -> str:
    out, left = [], words
    while left > 0:
        n = min(left, rng.randint(8, 20))
        out.append(sentence(rng, n))
        left -= n
    return " ".join(out)


def body(rng: random.Random, words: int) -> str:
    parts = [paragraph(rng, 60)]
    written = 60
    if rng.random() < 0.4:
        lang = rng.choice(LANGS)
        code = "\n".join(f"value_{i} = compute({i}, '{rng.choice(WORDS)}')" for i in range(rng.randint(4, 14)))
        parts.append(f"```{lang}\n{code}\n```")
    if rng.random() < 0.15:
        rows = "\n".join(f"| {rng.choice(WORDS)} | {rng.randint(1, 99)} | {rng.choice(WORDS)} |" for _ in range(6))
        parts.append(f"| Name | Count | Note |\n|---|---:|---|\n{rows}")
    if rng.random() < 0.3:
        parts.append(f"![{rng.choice(WORDS)}](/images/photo-{rng.randint(1, 20)}.png)")
    while written < words:
        heading = " ".join(rng.choice(WORDS) for _ in range(3)).capitalize()
        items = "\n".join(f"- {sentence(rng, 6)} See [the docs](https://docs.example/{rng.choice(WORDS)})." for _ in range(3))
        parts.append(f"## {heading}\n\n{paragraph(rng, 90)}\n\n{items}")
        written += 120
    return "\n\n".join(parts) + "\n"


ZONES = ["Europe/Berlin", "America/New_York", "America/Chicago", "Europe/Prague", "Asia/Tokyo", "UTC"]


def write_corpus(root: Path, posts: int, seed: int = 2026) -> None:
    """Write a site with `posts` posts (60% ~400 words, 30% ~1,200, 10% ~3,000) and posts/10 events."""
    rng = random.Random(seed)
    for folder in ("posts", "events", "data", "templates", "static/images"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "data/venues.yaml").write_text("".join(
        f"venue-{n}:\n  name: Venue {n}\n  address: {n} Main Street\n  city: Springfield\n  lat: 50.{n}\n  lon: 8.{n}\n"
        for n in range(10)), encoding="utf-8")
    (root / "data/speakers.yaml").write_text("".join(
        f"speaker-{n}:\n  name: Speaker {n}\n  bio: {sentence(rng, 12)}\n" for n in range(50)), encoding="utf-8")
    (root / "templates/post.html").write_text(
        '{% extends "@default/post.html" %}\n{% block content %}{{ super() }}<p class="bench">Thanks for reading.</p>'
        "{% endblock %}\n", encoding="utf-8")
    for n in range(posts // 10):
        year, month, day = 2018 + n % 10, 1 + n % 12, 1 + n % 28
        speakers = ", ".join(f"speaker-{s}" for s in rng.sample(range(50), rng.randint(1, 3)))
        (root / "events" / f"event-{n:05d}.yaml").write_text(
            f"title: \"{sentence(rng, 4)[:-1]} {n}\"\nstart: {year}-{month:02d}-{day:02d} 18:30\nduration: 2h\n"
            f"timezone: {rng.choice(ZONES)}\nvenue: venue-{n % 10}\nspeakers: [{speakers}]\nuid: event-{n:05d}@bench\n"
            f"description: |\n  {paragraph(rng, 60)}\n\n  - {sentence(rng, 6)}\n  - {sentence(rng, 6)}\n",
            encoding="utf-8")
    (root / "ugsite.yaml").write_text(
        # No link preview cards: the floor draws none; `python -m bench` times drawing them on its own line.
        "title: Benchmark Group\nbase_url: https://bench.example/group/\ntimezone: Europe/Berlin\ncards: false\n",
        encoding="utf-8"
    )
    (root / "pelicanconf.py").write_text(
        "AUTHOR = 'Bench'\nSITENAME = 'Benchmark Group'\nSITEURL = ''\nPATH = 'posts'\nTIMEZONE = 'Europe/Berlin'\n"
        "DEFAULT_LANG = 'en'\nDEFAULT_PAGINATION = 10\nMARKDOWN = {'extension_configs': {'markdown.extensions.codehilite':"
        " {'css_class': 'highlight'}, 'markdown.extensions.extra': {}, 'markdown.extensions.meta': {}, "
        "'markdown.extensions.toc': {}}, 'output_format': 'html5'}\n", encoding="utf-8")
    for n in range(posts):
        size = rng.choices([400, 1200, 3000], weights=[6, 3, 1])[0]
        year, month, day = 2010 + n % 16, 1 + n % 12, 1 + n % 28
        tags = ", ".join(rng.sample(TAGS, rng.randint(1, 4)))
        draft = "draft: true\n" if rng.random() < 0.02 else ""
        text = (f"---\ntitle: {sentence(rng, 5)[:-1]} {n}\ndate: {year}-{month:02d}-{day:02d} 18:30\n"
                f"tags: {tags}\n{draft}---\n{body(rng, size)}")
        (root / "posts" / f"post-{n:05d}.md").write_text(text, encoding="utf-8")


def edit_post(root: Path, number: int) -> None:
    """Edit post `number` of a corpus as an organizer would: a sentence added to its first paragraph."""
    post = root / "posts" / f"post-{number:05d}.md"
    post.write_text(post.read_text(encoding="utf-8").replace("\n\n", "\n\nEdited for the benchmark. ", 1),
                    encoding="utf-8")
