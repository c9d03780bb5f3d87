"""Plan the "Who's hiring" outputs: the jobs page and its feed, of the openings open at the build's moment."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from ugsite.render.outputs import FeedItem, FeedOutput, Output
from ugsite.render.page_contexts import JobsContext, PageMeta
from ugsite.render.plan_pages import PageFrame
from ugsite.render.structured_data import job_json_ld
from ugsite.render.theme import Theme
from ugsite.site.jobs import job_where
from ugsite.site.speech import Speech
from ugsite.site import routes
from ugsite.site.model import Job, Site


def open_jobs(site: Site) -> tuple[Job, ...]:
    """Return the openings posted and not expired at the build's moment, newest first."""
    return tuple(job for job in site.jobs if job.is_open(site.now))


def plan_jobs(frame: PageFrame, theme: Theme) -> list[Output]:
    """Plan the jobs page and its RSS feed, when the site has a `jobs/` file and the theme a jobs page."""
    site, t = frame.site, frame.speech
    if not site.jobs or not theme.has_template("jobs.html"):
        return []
    openings, title = open_jobs(site), site.config.title
    description = t.gettext("Job openings shared with %(site)s") % {"site": title}
    page = frame.page(routes.JOBS, "jobs/", JobsContext,
                      PageMeta(t.gettext("Who's hiring"), description, routes.JOBS, "jobs"),
                      openings=openings, json_ld={job.anchor: Markup(job_json_ld(job, site.config)) for job in openings})
    feed = FeedOutput(routes.JOBS_FEED, f"feed {routes.JOBS_FEED}", "rss",
                      t.gettext("%(site)s: who's hiring") % {"site": title}, description, routes.JOBS,
                      tuple(job_item(job, site.config.language, t) for job in openings[: site.config.feed_items]))
    return [page, feed]


def job_item(job: Job, language: str, speech: Speech) -> FeedItem:
    """Return the feed item of an opening (in the site's `language`), dated when it was posted."""
    where = job_where(job, speech)
    facts = f"<p><strong>{escape(job.organization)}</strong> · {escape(where)}"
    if job.last_day is not None:
        facts += " · " + escape(speech.gettext("apply by %(day)s") % {"day": speech.date(job.last_day)})
    facts += f'</p><p><a href="{escape(job.link)}">{escape(speech.gettext("How to apply"))}</a></p>'
    title = speech.gettext("%(job)s at %(organization)s (%(where)s)") % {
        "job": job.title, "organization": job.organization, "where": where}
    return FeedItem(title=title, route=job.route, published=job.posted, updated=job.posted,
                    summary=f"{job.organization}, {where}. {job.description_text}".strip(),
                    body_html=job.description_html + facts, authors=(),
                    categories=(speech.gettext("Remote"),) if job.remote else (), language=language)
