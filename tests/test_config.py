"""ugsite.yaml is checked key by key, with lines and suggestions."""

from pathlib import Path

from ugsite.site.config import KEYS, load_config


def config_problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "ugsite.yaml").write_text(text, encoding="utf-8")
    config, problems = load_config(tmp_path)
    assert (config is None) == bool(problems)
    return [p.format() for p in problems]


def test_valid_config(tmp_path: Path) -> None:
    (tmp_path / "ugsite.yaml").write_text("title: G\nbase_url: https://e.org/sub\ntimezone: Europe/Prague\n")
    config, problems = load_config(tmp_path)
    assert problems == [] and config is not None
    assert config.base_url == "https://e.org/sub/" and config.timezone == "Europe/Prague"


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    assert config_problems(tmp_path, "title: G\nbase_url: https://e.org/\ntimezon: UTC\n") == [
        "ugsite.yaml:3: error: unknown setting 'timezon'\n  hint: did you mean 'timezone'?"
    ]


def test_bad_values(tmp_path: Path) -> None:
    found = config_problems(
        tmp_path,
        "title: G\nbase_url: org.github.io\ntimezone: Mars/Olympus\nposts_per_page: 0\nraw_html: maybe\n"
        "permalink: /blog/\n",
    )
    assert [f.splitlines()[0] for f in found] == [
        "ugsite.yaml:2: error: 'base_url' must be the site's public address, starting with https:// (or http://) "
        "and without ?query or #fragment, not 'org.github.io'",
        "ugsite.yaml:3: error: unknown time zone 'Mars/Olympus'",
        "ugsite.yaml:4: error: 'posts_per_page' must be a whole number of at least 1, not 0",
        "ugsite.yaml:5: error: 'raw_html' must be allow or escape, not 'maybe'",
        "ugsite.yaml:6: error: 'permalink' '/blog/' must end with / (or .html) and use {slug}, {title} or {filename}",
    ]


def test_every_setting_is_checked(tmp_path: Path) -> None:
    for key in KEYS:  # a setting without a checker would be dropped without a word
        settings = {"title": "G", "base_url": "https://e.org/", key: "[[1]]"}
        found = config_problems(tmp_path, "".join(f"{k}: {v}\n" for k, v in settings.items()))
        line = list(settings).index(key) + 1
        assert found and found[0].startswith(f"ugsite.yaml:{line}: error: "), (key, found)


def test_missing_config(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path)
    assert config is None and problems[0].message.startswith("no ugsite.yaml in")


def test_base_url_from_command_line_wins(tmp_path: Path) -> None:
    (tmp_path / "ugsite.yaml").write_text("title: G\nbase_url: https://e.org/\n")
    config, _ = load_config(tmp_path, "https://org.github.io/repo")
    assert config is not None and config.base_url == "https://org.github.io/repo/"


def test_slugs_setting(tmp_path: Path) -> None:
    assert config_problems(tmp_path, "title: G\nbase_url: https://e.org/\nlanguage: ru\nslugs: ascii\n") == [
        "ugsite.yaml:4: error: 'slugs' must be transliterate or unicode, not 'ascii'\n"
        "  hint: transliterate (the default) writes addresses in ASCII letters: /posts/vstrecha/; unicode keeps "
        "every script's letters: /posts/встреча/"
    ]
    (tmp_path / "ugsite.yaml").write_text("title: G\nbase_url: https://e.org/\nlanguage: de\nslugs: unicode\n")
    config, _ = load_config(tmp_path)
    assert config is not None and config.slug_style.unicode and config.slug_style.language == "de"
    (tmp_path / "ugsite.yaml").write_text("title: G\nbase_url: https://e.org/\n")
    config, _ = load_config(tmp_path)
    assert config is not None and config.slugs == "transliterate" and not config.slug_style.unicode


def test_the_direction_of_the_sites_language_comes_from_cldr(tmp_path: Path) -> None:
    for language, direction in (("ar", "rtl"), ("he", "rtl"), ("fa-IR", "rtl"), ("ur", "rtl"), ("pa-Arab", "rtl"),
                                ("en", "ltr"), ("cs", "ltr"), ("zh-Hant", "ltr"), ("i-klingon", "ltr"), ("x-ours", "ltr")):
        (tmp_path / "ugsite.yaml").write_text(f"title: G\nbase_url: https://e.org/\nlanguage: {language}\n")
        config, problems = load_config(tmp_path)
        assert config is not None, problems
        assert config.direction == direction, language
