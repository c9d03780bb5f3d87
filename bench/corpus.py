"""Write a deterministic, realistic corpus of Markdown posts for benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = (
    "python meetup talk group community speaker workshop venue pizza code test package data async "
    "type library release module function class pattern match feed calendar event organizer newcomer "
    "question answer slide demo project contributor review merge deploy server browser template"
).split()
TAGS = [f"topic-{n}" for n in range(40)]
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


def write_corpus(root: Path, posts: int, seed: int = 2026) -> None:
    """Write a site with `posts` posts to `root` (60% ~400 words, 30% ~1,200, 10% ~3,000)."""
    rng = random.Random(seed)
    (root / "posts").mkdir(parents=True, exist_ok=True)
    (root / "ugsite.yaml").write_text(
        "title: Benchmark Group\nbase_url: https://bench.example/group/\ntimezone: Europe/Berlin\n", encoding="utf-8"
    )
    for n in range(posts):
        size = rng.choices([400, 1200, 3000], weights=[6, 3, 1])[0]
        year, month, day = 2010 + n % 16, 1 + n % 12, 1 + n % 28
        tags = ", ".join(rng.sample(TAGS, rng.randint(1, 4)))
        draft = "draft: true\n" if rng.random() < 0.02 else ""
        text = (f"---\ntitle: \"{sentence(rng, 5)[:-1]} {n}\"\ndate: {year}-{month:02d}-{day:02d} 18:30\n"
                f"tags: [{tags}]\n{draft}---\n{body(rng, size)}")
        (root / "posts" / f"post-{n:05d}.md").write_text(text, encoding="utf-8")
