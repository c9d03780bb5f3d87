// ugsite: keep event pages right between rebuilds. The page lists events as upcoming or
// past at build time; this moves events that have ended since into the past list, removes
// the home page's card of the next event once it has ended, says how soon an event is from
// the reader's own clock, and shows the reader's local time when it differs from the event's.
// Without JavaScript the page shows the build-time view.
(function () {
  "use strict";
  var now = Date.now();
  function ended(el) {
    var end = Date.parse(el.getAttribute("data-ug-end"));
    return !isNaN(end) && end <= now;
  }
  var hero = document.querySelector("[data-ug-hero][data-ug-end]");
  if (hero && ended(hero)) {
    hero.remove();  // the list below goes on with the next events, as on a page built without one
    hero = null;
    var heading = document.getElementById("ug-upcoming");
    if (heading) heading.textContent = "Next events";
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
  document.querySelectorAll("[data-ug-state][data-ug-end]").forEach(function (el) {
    var start = Date.parse(el.getAttribute("data-ug-start"));
    if (ended(el)) {
      el.textContent = "This event has ended.";
    } else if (!isNaN(start)) {
      var days = day(start) - day(now);
      el.textContent = start <= now ? "Happening now." : days <= 0 ? "Happening today." : days === 1 ? "Happening tomorrow."
        : "Happening in " + days + " days.";
    }
  });
  if (typeof Intl !== "object" || !Intl.DateTimeFormat) return;
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
      theirs = new Intl.DateTimeFormat("en", options({}, el.getAttribute("data-ug-zone")));
      ours = new Intl.DateTimeFormat("en", options({}));
    } catch (e) {
      return;  // a zone this browser does not know
    }
    if (theirs.format(start) === ours.format(start) && theirs.format(end) === ours.format(end)) return;
    var range = new Intl.DateTimeFormat(undefined, options({ timeZoneName: "short" }));
    var text = range.formatRange ? range.formatRange(start, end)
      : range.format(start) + " – " + range.format(end);
    var note = document.createElement("span");
    note.className = "local-time";
    note.textContent = "Your time: " + text;
    el.parentNode.appendChild(note);
  });
})();
