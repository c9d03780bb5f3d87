// ugsite: keep calls for speakers right between rebuilds. Pages show the calls open at build
// time; this removes those whose data-ug-closes has passed on the reader's clock, and on the
// call for speakers page says so when none is left. Without JavaScript the build-time view stays.
(function () {
  "use strict";
  var now = Date.now();
  document.querySelectorAll("[data-ug-closes]").forEach(function (item) {
    var closes = Date.parse(item.getAttribute("data-ug-closes"));
    if (!isNaN(closes) && closes <= now) item.remove();
  });
  document.querySelectorAll("ol[data-ug-calls]").forEach(function (list) {
    var none = list.parentNode.querySelector("[data-ug-none]");
    if (none) none.hidden = list.children.length > 0;
  });
})();
