"""Plan the call for speakers outputs: the /cfp/ page (open calls, accepted talks not yet scheduled) and its feed."""

from __future__ import annotations

from html import escape

from ugsite.render.outputs import FeedItem, FeedOutput, Output
from ugsite.render.page_contexts import CfpContext, PageMeta
from ugsite.render.plan_pages import PageFrame
from ugsite.render.theme import Theme
from ugsite.site.speech import Speech
from ugsite.site import routes
from ugsite.site.model import CallForSpeakers, Site, Talk


def open_calls(site: Site) -> tuple[CallForSpeakers, ...]:
    """Return the calls for speakers open at the build's moment: the site's first, then the series'."""
    return tuple(call for call in site.calls if call.is_open(site.now))


def unscheduled_talks(site: Site) -> tuple[Talk, ...]:
    """Return the talk files of `talks/` that no event's `talks:` names yet, by key."""
    named = {talk.key for event in site.events for talk in event.talks if talk.key}
    return tuple(talk for talk in site.talks if talk.key not in named)


def plan_cfp(frame: PageFrame, theme: Theme) -> list[Output]:
    """Plan the call for speakers page and its RSS feed, when the site or a series has a `cfp:`."""
    site, t = frame.site, frame.speech
    if not site.calls or not theme.has_template("cfp.html"):
        return []
    calls, title = open_calls(site), site.config.title
    page = frame.page(routes.CFP, "ugsite.yaml", CfpContext,
                      PageMeta(t.gettext("Call for speakers"), t.gettext("Propose a talk at %(site)s") % {"site": title},
                               routes.CFP, "cfp"),
                      calls=calls, unscheduled=unscheduled_talks(site))
    feed = FeedOutput(routes.CFP_FEED, f"feed {routes.CFP_FEED}", "rss",
                      t.gettext("%(site)s: call for speakers") % {"site": title},
                      t.gettext("Calls for speakers of %(site)s") % {"site": title}, routes.CFP,
                      tuple(call_item(call, site.config.language, t) for call in calls[: site.config.feed_items]))
    return [page, feed]


def call_item(call: CallForSpeakers, language: str, speech: Speech) -> FeedItem:
    """Return the feed item of an open call (in the site's `language`), dated when it opened."""
    say, until = speech.gettext, speech.date(call.last_day)
    open_until, propose = say("Open until %(day)s") % {"day": until}, say("Propose a talk")
    facts = f'<p><strong>{escape(open_until)}</strong> · <a href="{escape(call.url)}">{escape(propose)}</a></p>'
    return FeedItem(title=say("Call for speakers: %(owner)s (until %(day)s)") % {"owner": call.owner, "day": until},
                    route=f"{routes.CFP}#{call.anchor}", published=call.opens, updated=call.opens,
                    summary=(say("Propose a talk at %(owner)s until %(day)s.") % {"owner": call.owner, "day": until}
                             + f" {call.text_text}").strip(),
                    body_html=facts + call.text_html, authors=(), categories=(), language=language)
