// ugsite: keep event pages right between rebuilds. The page lists events as upcoming or
// past at build time; this moves events that have ended since into the past list, updates
// "Upcoming" labels, and shows the reader's local time when it differs from the event's.
// Without JavaScript the page shows the build-time view.
(function () {
  "use strict";
  var now = Date.now();
  function ended(el) {
    var end = Date.parse(el.getAttribute("data-ug-end"));
    return !isNaN(end) && end <= now;
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
    if (first && list.querySelector(":scope > li.is-next") === null && items.some(function (i) { return i.classList.contains("is-next") || ended(i); })) {
      first.classList.add("is-next");
    }
    var none = list.parentNode.querySelector("[data-ug-none]");
    if (none) none.hidden = list.children.length > 0;
  });
  document.querySelectorAll("[data-ug-state][data-ug-end]").forEach(function (el) {
    if (ended(el)) el.textContent = "This event has ended.";
  });
  var readerZone = "";
  try { readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
  var format = new Intl.DateTimeFormat(undefined, {
    weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });
  document.querySelectorAll("time[data-ug-local]").forEach(function (el) {
    var zone = el.getAttribute("data-ug-zone");
    var start = new Date(el.getAttribute("datetime"));
    if (!readerZone || readerZone === zone || isNaN(start.getTime())) return;
    var note = document.createElement("span");
    note.className = "local-time";
    note.textContent = "Your time: " + format.format(start);
    el.parentNode.insertBefore(note, el.nextSibling);
  });
})();
