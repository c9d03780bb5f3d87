// ugsite: keep event pages right between rebuilds. The page lists events as upcoming or
// past at build time; this moves events that have ended since into the past list, removes
// the home page's card of the next event once it has ended, says how soon an event is from
// the reader's own clock, and shows the reader's local time when it differs from the event's.
// Without JavaScript the page shows the build-time view. Its words come from the page (#ug-text,
// in the site's language), and its dates and times are said in the page's language.
(function () {
  "use strict";
  var now = Date.now();
  var source = document.getElementById("ug-text");
  var text = source ? JSON.parse(source.textContent) : null;  // without it, the build-time words stay
  var lang = pageLocale();
  function pageLocale() {  // the page's language, in the reader's own variant of it ("en" read in "en-GB")
    var page = document.documentElement.lang || "en";
    if (page.indexOf("-") >= 0) return page;
    var theirs = (navigator.languages || [navigator.language]).filter(function (tag) {
      return tag && tag.toLowerCase().split("-")[0] === page.toLowerCase();
    })[0];
    return theirs || page;
  }
  function ended(el) {
    var end = Date.parse(el.getAttribute("data-ug-end"));
    return !isNaN(end) && end <= now;
  }
  var hero = document.querySelector("[data-ug-hero][data-ug-end]");
  if (hero && ended(hero)) {
    hero.remove();  // the list below goes on with the next events, as on a page built without one
    hero = null;
    var heading = document.getElementById("ug-upcoming");
    if (heading && text) heading.textContent = text.next_events;
  }
  var past = document.querySelector("ol[data-ug-past]");
  document.querySelectorAll("ol[data-ug-upcoming]").forEach(function (list) {
    var items = Array.prototype.slice.call(list.querySelectorAll(":scope > li[data-ug-end]"));
    items.forEach(function (item) {
      if (!ended(item)) return;
      item.classList.remove("is-next");
      if (past) {
        past.insertBefore(item, past.firstChild);
        past.hidden = false;
      } else {
        item.remove();
      }
    });
    var first = list.querySelector(":scope > li:not(.is-cancelled)");  // a cancelled meeting is never "next"
    if (first && !hero && list.querySelector(":scope > li.is-next") === null) {
      first.classList.add("is-next");
    }
    var none = list.parentNode.querySelector("[data-ug-none]");
    if (none) none.hidden = list.children.length > 0;
  });
  function day(time) {
    var d = new Date(time);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86400000;
  }
  // The same sentences as ugsite/events/event_display.py (event_countdown), from the reader's clock.
  function inDays(days) {  // "in 3 days", said by the browser in the page's language
    if (typeof Intl !== "object" || !Intl.RelativeTimeFormat) return null;
    var when = new Intl.RelativeTimeFormat(lang, { numeric: "always" }).format(days, "day");
    return text.soon.replace("%(when)s", function () { return when; });
  }
  document.querySelectorAll("[data-ug-state][data-ug-end]").forEach(function (el) {
    if (!text) return;
    var start = Date.parse(el.getAttribute("data-ug-start"));
    var said = null;
    if (ended(el)) {
      said = text.ended;
    } else if (!isNaN(start)) {
      var days = day(start) - day(now);
      said = start <= now ? text.now : days <= 0 ? text.today : days === 1 ? text.tomorrow : inDays(days);
    }
    if (said !== null) el.textContent = said;
  });
  if (!text || typeof Intl !== "object" || !Intl.DateTimeFormat) return;
  function options(extra, zone) {
    var all = { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" };
    for (var key in extra) all[key] = extra[key];
    if (zone) all.timeZone = zone;
    return all;
  }
  document.querySelectorAll("time[data-ug-local]").forEach(function (el) {
    var start = new Date(el.getAttribute("datetime"));
    var end = new Date(el.getAttribute("data-ug-until"));
    if (isNaN(start.getTime()) || isNaN(end.getTime())) return;
    var theirs, ours;
    try {  // the same wall-clock times (the reader's zone, or one that keeps the same time) need no second line
      theirs = new Intl.DateTimeFormat(lang, options({}, el.getAttribute("data-ug-zone")));
      ours = new Intl.DateTimeFormat(lang, options({}));
    } catch (e) {
      return;  // a zone this browser does not know
    }
    if (theirs.format(start) === ours.format(start) && theirs.format(end) === ours.format(end)) return;
    var range = new Intl.DateTimeFormat(lang, options({ timeZoneName: "short" }));
    var said = range.formatRange ? range.formatRange(start, end)
      : range.format(start) + " – " + range.format(end);
    var note = document.createElement("span");
    note.className = "local-time";
    note.textContent = text.your_time.replace("%(time)s", function () { return said; });
    el.parentNode.appendChild(note);
  });
})();
