"""`ugsite import` of a Hugo site shaped like a real group's: bundles, shortcodes, two languages, old addresses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO, front, read_tree, run_cli


FIXTURE = REPO / "tests/fixtures/hugo-group"
NOW = "2026-11-29T10:00:00Z"


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    result = run_cli("import", str(FIXTURE), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr  # one unknown shortcode needs a person
    assert result.stderr.splitlines()[0] == ("content/about.md:6: needs a person: the shortcode {{< unknown-box >}} "
                                             "has no equivalent; left as it is")
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    return site


def test_the_site_builds_and_every_old_address_works(imported: Path) -> None:
    check = run_cli("check", str(imported), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert [line for line in check.stderr.splitlines() if ": warning: " in line] == [
        "pages/about.md:6: warning: the page shows template code as text: {{< unknown-box >}}"]
    assert run_cli("build", str(imported), "--now", NOW).returncode == 0
    out = imported / "public"
    config = yaml.safe_load((imported / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["title"], config["language"], config["timezone"]) == ("Warsaw Gophers", "pl", "Europe/Warsaw")
    for old, new in (("2023/03/pierwsze-spotkanie/", "posts/first-meetup/"), ("blog/pierwsze-spotkanie/",
                     "posts/first-meetup/"), ("2023/04/generyki/", "posts/generyki/"),
                     ("en/2023/04/generics/", "en/posts/generics/"), ("o-nas/", "about/")):
        assert f'url=/{new}"' in (out / old / "index.html").read_text(encoding="utf-8"), old
    post = (out / "posts/first-meetup/index.html").read_text(encoding="utf-8")
    assert '<img src="/2023/03/pierwsze-spotkanie/room.png" alt="Sala" title="Sala na Mokotowie"' in post
    assert (out / "2023/03/pierwsze-spotkanie/room.png").is_file()  # the bundle's image, where it was
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in post and "{{<" not in post
    talk = (out / "posts/generyki/index.html").read_text(encoding="utf-8")
    assert "https://www.meetup.com/warsaw-gophers/" in talk and '<code class="language-go">' in talk
    assert 'href="/about/"' in talk
    assert "Co miesiąc spotykamy się" in (out / "index.html").read_text(encoding="utf-8")


def test_fields_come_over_or_are_reported(imported: Path) -> None:
    assert front(imported / "posts/first-meetup.md") == {
        "title": "Pierwsze spotkanie", "date": "2023-03-15T18:00:00+01:00", "tags": ["go", "spotkania", "Spotkania 2023"],
        "image": "/2023/03/pierwsze-spotkanie/room.png",
        "aliases": ["/2023/03/pierwsze-spotkanie/", "/blog/pierwsze-spotkanie/"],
        "summary": "Przyszło trzydzieści osób.",
    }
    translation = front(imported / "posts/generics.en.md")
    assert "extra" not in translation and translation["slug"] == "generics"  # its own, kept
    assert translation["aliases"] == ["/en/2023/04/generics/"]
    config = yaml.safe_load((imported / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["language"], config["languages"]) == ("pl", ["pl", "en"])
    assert "default_language_at_root" not in config
    report = (imported / "import-report.md").read_text(encoding="utf-8")
    for line in ("`content/posts/first-meetup/index.md:9`: 'showToc' (a theme's table of contents switch) was left out",
                 "`content/posts/generics.md`: kept under extra: speaker",
                 "`content/posts/_index.md`: a section's list page; ugsite makes its own lists",
                 "`data/organizers.toml`: became data/organizers.yaml", "`layouts/`: part of the old theme"):
        assert line in report, line


def test_a_second_run_changes_nothing(imported: Path) -> None:
    before = read_tree(imported)
    again = run_cli("import", str(FIXTURE), str(imported), "--now", NOW)
    assert again.returncode == 1 and "wrote 0 files" in again.stderr
    assert read_tree(imported) == before


def test_the_param_shortcode_reads_the_page_s_front_matter_before_the_site_s_params(tmp_path: Path) -> None:
    """Hugo's `param` looks in the page's front matter first, then in the site's [params]."""
    source = tmp_path / "source"
    (source / "content/meetups").mkdir(parents=True)
    (source / "hugo.toml").write_text('title = "Riverside Gophers"\nbaseURL = "https://gophers.example/"\n'
                                      '[params]\nid = 0\ncity = "Riverside"\n', encoding="utf-8")
    (source / "content/meetups/spring.md").write_text(
        '---\ntitle: "Spring meetup"\ndate: 2024-04-02\nid: 7\nparams:\n  room: "B2"\n---\n'
        'Session #{{< param id >}} in {{< param city >}}, room {{< param room >}}.\n', encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert "Session #7 in Riverside, room B2." in (site / "posts/spring.md").read_text(encoding="utf-8")


def test_a_bundle_s_html_links_to_its_files_follow_them(tmp_path: Path) -> None:
    source = tmp_path / "old"
    (source / "content/meetings/1998/06").mkdir(parents=True)
    (source / "hugo.toml").write_text('baseURL = "https://tlug.example/"\ntitle = "Old LUG"\n', encoding="utf-8")
    (source / "content/meetings/1998/06/index.md").write_text(
        '---\ntitle: "June 1998 meeting"\ndate: "1998-06-12"\n---\n'
        '<P>Photos:</P>\n<A HREF="photo1.jpg"><IMG WIDTH=70 SRC=photo1_t.jpg></A>\n', encoding="utf-8")
    for name in ("photo1.jpg", "photo1_t.jpg"):
        (source / "content/meetings/1998/06" / name).write_bytes(b"\xff\xd8\xff\xd9")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode in (0, 1), result.stderr
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr
    text = next((site / "posts").rglob("*.md")).read_text(encoding="utf-8")
    assert '<A HREF="/meetings/1998/06/photo1.jpg"><IMG WIDTH=70 SRC=/meetings/1998/06/photo1_t.jpg></A>' in text


def test_links_that_led_nowhere_on_the_old_site_either_are_listed_not_blamed_on_the_import(tmp_path: Path) -> None:
    """A link to a page or image that the old site never had (nothing is named like it, or it lies below the page's
    own address) is kept and listed under `broken_links:`; a link the old site may have served (a page number, a
    page's title) stays a problem of `check`; a redirected address leads where the redirect led, and a file named
    in another case is named as on disk."""
    source = tmp_path / "old"
    bundle = source / "content/meetings/2019/11"
    bundle.mkdir(parents=True)
    (source / "static").mkdir()
    (source / "hugo.toml").write_text('baseURL = "https://lug.example/"\ntitle = "Old LUG"\n'
                                      '[permalinks]\nmeetings = "/meetings/:year/:month/"\n', encoding="utf-8")
    (source / "static/_redirects").write_text("/mailing-list https://lists.example/lug\n", encoding="utf-8")
    (source / "layouts/partials").mkdir(parents=True)  # a name that holds the link's name is no page of that name
    (source / "layouts/partials/upcoming-meeting.html").write_text("<p>Next meeting</p>\n", encoding="utf-8")
    (source / "static/images").mkdir()
    (source / "static/images/agenda.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (bundle / "photo.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    (bundle / "index.md").write_text(
        '---\ntitle: "November meeting"\ndate: "2019-11-09"\n---\n'
        'Ask [Jane](./Jane_Doe) to help, or [the list](/mailing-list).\n\n'
        '![Video](/images/video-icon.gif) [Photo](photo.JPG), [a tag](/tags/linux/), [older](/page2/), '
        '[this page under its title](/2019/november-meeting/). ![Agenda](images/agenda.png) '
        '[The next meeting](../../meeting.html)\n',
        encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    post = next((site / "posts").rglob("*.md"))
    assert front(post)["broken_links"] == ["../../meeting.html", "/images/video-icon.gif", "/meetings/2019/11/Jane_Doe",
                                           "/meetings/2019/11/images/agenda.png"]  # the site's is /images/agenda.png
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "## Broken on the old site too\n" in report
    assert ("- `content/meetings/2019/11/index.md`: the link /meetings/2019/11/Jane_Doe led "
            "nowhere on the old site either (no page or file there, and nothing in the source is named like it): kept as it "
            "was and listed under broken_links\n") in report
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    nowhere = sorted(line.split(": ", 2)[2].split(" leads nowhere")[0] for line in check.stderr.splitlines()
                     if "leads nowhere" in line)
    assert nowhere == ["/2019/november-meeting/", "/page2/", "/tags/linux/"], check.stderr
    body = post.read_text(encoding="utf-8")
    assert "[the list](https://lists.example/lug)" in body and "[Photo](/meetings/2019/11/photo.jpg)" in body
    assert ("ugsite: 4 broken links left out, as the pages list them under broken_links (they led nowhere on the "
            "old site either)") in check.stderr


def test_an_undated_file_in_a_section_is_a_page_of_that_section_not_a_post_dated_today(tmp_path: Path) -> None:
    """Hugo dates nothing by itself: a group's about page, code of conduct or a speaker's profile in a section is a
    page there; a dated file beside them stays a post."""
    source = tmp_path / "old"
    (source / "content/groups/riverside").mkdir(parents=True)
    (source / "hugo.toml").write_text('baseURL = "https://gophers.example/"\ntitle = "Gophers"\n', encoding="utf-8")
    (source / "content/groups/riverside/about.md").write_text(
        '+++\ntitle = "About Riverside"\n+++\nWe meet by the river.\n', encoding="utf-8")
    (source / "content/groups/riverside/kickoff.md").write_text(
        '+++\ntitle = "Kickoff"\ndate = 2024-02-01T18:30:00+01:00\n+++\nWe started.\n', encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert front(site / "pages/groups/riverside/about.md") == {"title": "About Riverside"}
    assert front(site / "posts/riverside/kickoff.md")["date"] == "2024-02-01T18:30:00+01:00"
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    assert "We meet by the river." in (site / "public/groups/riverside/about/index.html").read_text(encoding="utf-8")


def test_a_section_with_text_and_no_posts_is_a_page_at_its_address(tmp_path: Path) -> None:
    """A group's own section (`content/groups/riverside/_index.md` with a welcome, and undated pages below it) is a
    page in all but name; a section of dated posts keeps ugsite's list and its text is reported."""
    source = tmp_path / "old"
    (source / "content/groups/riverside").mkdir(parents=True)
    (source / "content/news").mkdir(parents=True)
    (source / "hugo.toml").write_text('baseURL = "https://gophers.example/"\ntitle = "Gophers"\n', encoding="utf-8")
    (source / "content/groups/riverside/_index.md").write_text(
        '---\ntitle: "Riverside"\n---\nThe Riverside chapter meets monthly.\n', encoding="utf-8")
    (source / "content/groups/riverside/about.md").write_text('---\ntitle: "About"\n---\nHello.\n', encoding="utf-8")
    (source / "content/news/_index.md").write_text('---\ntitle: "News"\n---\nWhat is new.\n', encoding="utf-8")
    (source / "content/news/first.md").write_text('---\ntitle: "First"\ndate: 2024-01-05\n---\nHi.\n',
                                                  encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr  # the news section's text needs a person
    assert front(site / "pages/groups/riverside.md") == {"title": "Riverside"}
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert ("- `content/groups/riverside/_index.md`: a section with text of its own and no posts: it became a page "
            "at its address") in report
    assert "- `content/news/_index.md`: a section's list page with an introduction" in report
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    assert run_cli("build", str(site), "--now", NOW).returncode == 0
    page = (site / "public/groups/riverside/index.html").read_text(encoding="utf-8")
    assert "The Riverside chapter meets monthly." in page
    assert (site / "public/groups/riverside/about/index.html").is_file()


def test_a_section_s_own_files_are_published_at_its_address(tmp_path: Path) -> None:
    """Hugo publishes a branch bundle's files (beside `_index.md`, in `images/` below it) at the section's address,
    and leaves those of the bundles below it to them; the section's cover image and links find them there."""
    source = tmp_path / "old"
    section = source / "content/groups/riverside"
    (section / "images").mkdir(parents=True)
    (section / "kickoff").mkdir()
    (source / "hugo.toml").write_text('baseURL = "https://gophers.example/"\ntitle = "Gophers"\n', encoding="utf-8")
    (section / "_index.md").write_text('---\ntitle: "Riverside"\nimage: "images/river.jpg"\n---\n'
                                       'We meet by the river. ![The map](./images/map.png)\n', encoding="utf-8")
    (section / "kickoff/index.md").write_text('---\ntitle: "Kickoff"\n---\n![Us](us.jpg)\n', encoding="utf-8")
    for name in ("images/river.jpg", "images/map.png", "kickoff/us.jpg"):
        (section / name).write_bytes(b"\xff\xd8\xff\xd9")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert front(site / "pages/groups/riverside.md")["image"] == "/groups/riverside/images/river.jpg"
    assert "![The map](/groups/riverside/images/map.png)" in (site / "pages/groups/riverside.md").read_text("utf-8")
    assert sorted(p.relative_to(site / "static").as_posix() for p in (site / "static").rglob("*") if p.is_file()) == [
        "groups/riverside/images/map.png", "groups/riverside/images/river.jpg", "groups/riverside/kickoff/us.jpg"]
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0 and ": warning: " not in check.stderr, check.stderr


def test_a_link_listed_as_broken_that_leads_somewhere_now_is_a_warning(tmp_path: Path) -> None:
    """Once a person adds the page a listed link points at, check says to take it off broken_links:."""
    source = tmp_path / "old"
    (source / "content/meetings/2019/11").mkdir(parents=True)
    (source / "hugo.toml").write_text('baseURL = "https://lug.example/"\ntitle = "Old LUG"\n', encoding="utf-8")
    (source / "content/meetings/2019/11/index.md").write_text(
        '---\ntitle: "November meeting"\ndate: "2019-11-09"\n---\nAsk [Jane](/people/jane-doe/).\n', encoding="utf-8")
    site = tmp_path / "site"
    assert run_cli("import", str(source), str(site), "--now", NOW).returncode == 0
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)  # the post's text is on the lists too
    assert check.returncode == 0 and ": warning: " not in check.stderr, check.stderr
    (site / "pages/people").mkdir(parents=True)
    (site / "pages/people/jane-doe.md").write_text("---\ntitle: Jane Doe\n---\nOrganizer.\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert [line.split(" (in ")[0] for line in check.stderr.splitlines() if ": warning: " in line] == [
        "posts/2019/11.md: warning: /people/jane-doe/ is listed under broken_links, but it leads somewhere now"], \
        check.stderr


def test_the_site_s_own_simple_shortcodes_become_what_their_templates_give(tmp_path: Path) -> None:
    """A shortcode of layouts/shortcodes/ that wraps its inner text or prints an argument, the page's or the site's
    params becomes its HTML; one whose template needs Hugo itself (variables, Scratch) stays, reported."""
    source = tmp_path / "old"
    shortcodes = source / "layouts/shortcodes"
    shortcodes.mkdir(parents=True)
    (source / "content/meetings").mkdir(parents=True)
    (source / "hugo.toml").write_text('baseURL = "https://lug.example/"\ntitle = "Old LUG"\n'
                                      '[params]\nchat = "https://chat.example/lug"\n', encoding="utf-8")
    (shortcodes / "gallery.html").write_text(
        '<div class="gallery">{{ with .Inner }}{{ . | markdownify }}{{ end }}<p>Photos soon</p></div>\n',
        encoding="utf-8")
    (shortcodes / "chat.html").write_text(
        '{{/* a link to the chat */}}<a href="{{ .Site.Params.chat }}">{{ with .Get "text" }}{{ . }}{{ else }}'
        'Chat{{ end }}</a> ({{ .Page.Params.format }})\n', encoding="utf-8")
    (shortcodes / "schedule.html").write_text('{{ $start := .Get "start" }}<p>{{ $start }}</p>\n', encoding="utf-8")
    (source / "content/meetings/june.md").write_text(
        '---\ntitle: "June meeting"\ndate: 2019-06-08\nformat: social\n---\n'
        'Talk to us on {{< chat text="our chat" >}} or {{< chat >}}.\n\n{{< gallery />}}\n\n'
        '{{< gallery >}}Some *photos*{{< /gallery >}}\n\n{{< schedule start="14:00" >}}\n', encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 1, result.stderr
    assert [line for line in result.stderr.splitlines() if ": needs a person: " in line] == [
        'content/meetings/june.md:12: needs a person: the shortcode {{< schedule start="14:00" >}} has no '
        'equivalent; left as it is']
    body = (site / "posts/june.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == ('Talk to us on <a href="https://chat.example/lug">our chat</a> (social) or '
                    '<a href="https://chat.example/lug">Chat</a> (social).\n\n'
                    '<div class="gallery"><p>Photos soon</p></div>\n\n'
                    '<div class="gallery">Some <em>photos</em><p>Photos soon</p></div>\n\n'
                    '{{< schedule start="14:00" >}}\n')


def test_shortcodes_that_store_data_show_the_page_or_list_pages_become_what_ugsite_has(tmp_path: Path) -> None:
    """A shortcode that only stores its arguments (Scratch) gives the page fields; one that shows the page's own
    fields goes on an event page, which shows them; one that lists the site's pages goes on the home page."""
    source = tmp_path / "old"
    shortcodes = source / "layouts/shortcodes"
    shortcodes.mkdir(parents=True)
    (source / "content/meetings/2025/03").mkdir(parents=True)
    (source / "hugo.toml").write_text('baseURL = "https://lug.example/"\ntitle = "Old LUG"\n'
                                      'timeZone = "Asia/Tokyo"\n', encoding="utf-8")
    (shortcodes / "when.html").write_text(
        '{{ $start := .Get "start" }}{{ $end := .Get "end" }}\n{{ .Page.Scratch.Set "when" (dict "start" $start '
        '"end" $end "notes" .Inner) }}{{/* stores only */}}\n', encoding="utf-8")
    (shortcodes / "place.html").write_text(
        '{{ .Page.Scratch.Set "place" (dict "venue" (.Get "venue") "address" .Inner) }}\n'
        '<div style="display: none"><!-- kept for the header --></div>\n', encoding="utf-8")
    (shortcodes / "header.html").write_text(
        '{{ $when := .Page.Scratch.Get "when" }}{{ $place := .Page.Scratch.Get "place" }}\n'
        '<div class="header"><h2>{{ .Page.Title }}</h2>{{ .Page.Date.Format "January 2, 2006" }}\n'
        '{{ with $when }}{{ .start }} - {{ .end }}{{ end }} at {{ with $place }}{{ .venue }}{{ end }}</div>\n'
        '<style>.header { margin: 1rem; }</style>\n', encoding="utf-8")
    (shortcodes / "next-meeting.html").write_text(
        '{{ range first 1 (where site.RegularPages "Section" "meetings") }}<a href="{{ .RelPermalink }}">'
        '{{ .Title }}</a>{{ end }}\n', encoding="utf-8")
    (source / "content/_index.md").write_text("---\ntitle: Home\n---\nWelcome.\n\n{{< next-meeting >}}\n",
                                              encoding="utf-8")
    (source / "content/meetings/_index.md").write_text(
        "---\ntitle: Meetings\n---\nWe meet every other month.\n", encoding="utf-8")
    (source / "content/meetings/2025/03/index.md").write_text(
        '---\ntitle: "Technical meeting"\ndate: "2025-03-08"\nagenda:\n  - type: presentation\n'
        '    title: "Kernel news"\n    presenter: "Aiko"\n  - type: break\n    title: "Coffee"\n---\n\n'
        '{{< when start="14:00" end="16:00" >}}\nDoors open at 13:30.\n{{< /when >}}\n\n'
        '{{< place venue="Hall 7" >}}\n3-2-1 Sendagaya, Tokyo\n{{< /place >}}\n{{< header >}}\n\nBring a laptop.\n',
        encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    meeting = yaml.safe_load((site / "events/2025-03.yaml").read_text(encoding="utf-8"))
    assert {k: meeting[k] for k in ("start", "end", "venue", "talks", "aliases")} == {
        "start": "2025-03-08 14:00", "end": "2025-03-08 16:00", "venue": "hall-7",
        "talks": [{"title": "Kernel news", "speakers": [{"name": "Aiko"}]}], "aliases": ["/meetings/2025/03/"]}
    assert [p.strip() for p in meeting["description"].split("\n\n") if p.strip()] == [
        "Doors open at 13:30.", "3-2-1 Sendagaya, Tokyo", "Bring a laptop."]  # inner text stays; the header goes
    assert meeting["extra"]["agenda"][1] == {"type": "break", "title": "Coffee"}  # the agenda itself stays
    assert (site / "pages/_index.md").read_text(encoding="utf-8").split("---\n", 2)[2].strip() == "Welcome."
    assert front(site / "pages/meetings.md")["title"] == "Meetings"  # its text, at its old address
    report = (site / "import-report.md").read_text(encoding="utf-8")
    for line in ("`content/meetings/2025/03/index.md:12`: the shortcode when only stored data for the old theme; "
                 "its arguments became fields under extra: start, end; its inner text stays as text",
                 "`content/meetings/2025/03/index.md:19`: the shortcode header showed the page's own fields",
                 "`content/_index.md:6`: the shortcode next-meeting listed the site's pages",
                 "`content/meetings/_index.md`: a section's list page with text of its own: its text became a page"):
        assert line in report, line
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr


def test_a_bundle_s_link_that_names_its_file_in_another_case_names_it_as_written_on_disk(tmp_path: Path) -> None:
    source = tmp_path / "old"
    (source / "content/meetings/1998/10").mkdir(parents=True)
    (source / "hugo.toml").write_text('baseURL = "https://lug.example/"\ntitle = "Old LUG"\n', encoding="utf-8")
    (source / "content/meetings/1998/10/index.md").write_text(
        '---\ntitle: "October 1998"\ndate: 1998-10-10\n---\n<A HREF="party.JPG"><IMG SRC="party_t.JPG?v=2"></A>\n',
        encoding="utf-8")
    for name in ("party.jpg", "party_t.jpg"):
        (source / "content/meetings/1998/10" / name).write_bytes(b"\xff\xd8\xff\xd9")
    site = tmp_path / "site"
    assert run_cli("import", str(source), str(site), "--now", NOW).returncode == 0
    body = (site / "posts/1998/10.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == '<A HREF="/meetings/1998/10/party.jpg"><IMG SRC="/meetings/1998/10/party_t.jpg?v=2"></A>\n'
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0, check.stderr


def test_a_page_s_image_beside_it_in_its_section_s_folder_is_the_section_s_published_file(tmp_path: Path) -> None:
    source = tmp_path / "old"
    (source / "content/community/images").mkdir(parents=True)
    (source / "hugo.toml").write_text('baseURL = "https://lug.example/"\ntitle = "Old LUG"\n', encoding="utf-8")
    (source / "content/community/_index.md").write_text("---\ntitle: Community\n---\n", encoding="utf-8")
    (source / "content/community/podcast.md").write_text(
        '---\ntitle: "Our podcast"\nimage: "./images/podcast.png"\n---\nListen in.\n', encoding="utf-8")
    (source / "content/community/images/podcast.png").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
        b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
    site = tmp_path / "site"
    assert run_cli("import", str(source), str(site), "--now", NOW).returncode == 0
    assert front(site / "pages/community/podcast.md")["image"] == "/community/images/podcast.png"
    assert (site / "static/community/images/podcast.png").is_file()
    (site / "requirements.txt").write_text("ugsite==0.1.0\n", encoding="utf-8")
    check = run_cli("check", str(site), "--links", "--now", NOW)
    assert check.returncode == 0 and ": warning: " not in check.stderr, check.stderr


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_translations_by_file_name_become_files_of_the_site_s_languages_linked_by_name_or_key(tmp_path: Path) -> None:
    source, site = tmp_path / "old", tmp_path / "site"
    _write(source, {
        "hugo.toml": 'baseURL = "https://gophers.example/"\ntitle = "Gophers"\ndefaultContentLanguage = "de"\n'
                     'defaultContentLanguageInSubdir = true\n[languages.fr]\nweight = 2\nlanguageName = "Français"\n'
                     '[languages.en]\nweight = 1\n[languages.en.params]\ndescription = "Gophers, in English"\n'
                     '[languages.de]\nweight = 3\n',
        "content/_index.md": "---\ntitle: Start\n---\nWillkommen.\n",
        "content/_index.en.md": "---\ntitle: Home\n---\nWelcome.\n",
        "content/posts/treffen.md": "---\ntitle: Treffen\ndate: 2024-05-02\ntranslationKey: meetup\n---\nHallo.\n",
        "content/posts/treffen.en.md": "---\ntitle: Meetup\ndate: 2024-05-02\ntranslationKey: meetup\n---\nHello.\n",
        "content/ueber-uns.md": "---\ntitle: Über uns\ntranslationKey: about\n---\nWir.\n",
        "content/about.en.md": "---\ntitle: About\ntranslationKey: about\n---\nUs, at our "
                               '[meetup]({{< ref "posts/treffen.md" >}}).\n',
        "content/about.fr.md": "---\ntitle: À propos\ntranslationKey: about\n---\nNous.\n",
    })
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((site / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["language"], config["languages"], config["default_language_at_root"]) == (
        "de", ["de", {"en": {"description": "Gophers, in English"}}, "fr"], False)
    assert "Welcome." in (site / "pages/_index.en.md").read_text(encoding="utf-8")
    assert "Willkommen." in (site / "pages/_index.md").read_text(encoding="utf-8")
    # Linked by their one name: no key; at /de/posts/treffen/ and /en/posts/treffen/ as before: no aliases.
    assert front(site / "posts/treffen.md") == {"title": "Treffen", "date": "2024-05-02"}
    assert front(site / "posts/treffen.en.md") == {"title": "Meetup", "date": "2024-05-02"}
    for name in ("pages/ueber-uns.md", "pages/about.en.md", "pages/about.fr.md"):
        assert front(site / name)["translation_key"] == "about", name
        assert "aliases" not in front(site / name), name
    assert "[meetup](../posts/treffen.en.md)" in (site / "pages/about.en.md").read_text(encoding="utf-8")
    report = (site / "import-report.md").read_text(encoding="utf-8")
    assert "the site is in de, en, fr (de the default, under /de/ too)" in report
    assert "its translationKey 'meetup' was left out: its translations share its file name, which links them" in report
    assert "ugsite has one language" not in report
    assert ("`hugo.toml`: the fr language's own settings were left out (ugsite keeps a language's title and "
            "description): languageName") in report


def test_translations_by_content_folder_keep_their_old_addresses_as_aliases(tmp_path: Path) -> None:
    source, site = tmp_path / "old", tmp_path / "site"
    _write(source, {
        "config/_default/hugo.toml": 'baseURL = "https://gophers.example/"\ntitle = "Gophers"\n'
                                     'defaultContentLanguage = "pl"\n[permalinks]\nposts = "/:year/:month/:slug/"\n',
        "config/_default/languages.toml": '[en]\ncontentDir = "content/english"\nweight = 2\n'
                                          '[pl]\ncontentDir = "content/polski"\nweight = 1\n',
        "content/polski/posts/zlot.md": "---\ntitle: Zlot\ndate: 2019-05-04\n---\nByło nas wielu.\n",
        "content/english/posts/zlot.md": "---\ntitle: Rally\ndate: 2019-05-04\n---\nWe were many.\n",
        "content/english/about.md": "---\ntitle: About\n---\nUs.\n",
    })
    result = run_cli("import", str(source), str(site), "--now", NOW)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((site / "ugsite.yaml").read_text(encoding="utf-8"))
    assert (config["language"], config["languages"]) == ("pl", ["pl", "en"])
    assert "default_language_at_root" not in config
    assert front(site / "posts/zlot.md")["aliases"] == ["/2019/05/zlot/"]
    assert front(site / "posts/zlot.en.md")["aliases"] == ["/en/2019/05/rally/"]  # :slug is the title
    assert "aliases" not in front(site / "pages/about.en.md")  # /en/about/, then and now
    assert sorted(p.relative_to(site).as_posix() for p in (site / "posts").rglob("*.md")) == [
        "posts/zlot.en.md", "posts/zlot.md"]


def test_translated_meetup_posts_become_one_event_in_each_language(tmp_path: Path) -> None:
    source, site = tmp_path / "old", tmp_path / "site"
    _write(source, {
        "hugo.toml": 'baseURL = "https://gophers.example/"\ntitle = "Gophers"\ndefaultContentLanguage = "pl"\n'
                     'timeZone = "Europe/Warsaw"\n[languages.pl]\nweight = 1\n[languages.en]\nweight = 2\n',
        "content/meetups/2024-05-02-zlot.md": "---\ntitle: Zlot\ndate: 2024-05-02T18:00:00+02:00\n---\nSala 1.\n",
        "content/meetups/2024-05-02-zlot.en.md": "---\ntitle: Rally\ndate: 2024-05-02T18:00:00+02:00\n---\nRoom 1.\n",
    })
    result = run_cli("import", str(source), str(site), "--events-from", "content/meetups", "--now", NOW)
    assert result.returncode in (0, 1), result.stderr
    default = yaml.safe_load((site / "events/2024-05-02-zlot.yaml").read_text(encoding="utf-8"))
    translation = yaml.safe_load((site / "events/2024-05-02-zlot.en.yaml").read_text(encoding="utf-8"))
    assert (default["title"], translation["title"]) == ("Zlot", "Rally")
    assert default["uid"] == translation["uid"] == "2024-05-02-zlot@gophers.example"
    assert translation["aliases"] == ["/en/meetups/2024-05-02-zlot/"]
    assert not list(site.glob("events/*-event*"))
