// ugsite: keep the jobs page right between rebuilds. The page lists the openings open at build
// time; this removes those whose data-ug-expires has passed on the reader's clock, and says so
// when none is left. Without JavaScript the page shows the build-time view.
(function () {
  "use strict";
  var now = Date.now();
  document.querySelectorAll("ol[data-ug-jobs]").forEach(function (list) {
    list.querySelectorAll(":scope > li[data-ug-expires]").forEach(function (item) {
      var expires = Date.parse(item.getAttribute("data-ug-expires"));
      if (!isNaN(expires) && expires <= now) item.remove();
    });
    var none = list.parentNode.querySelector("[data-ug-none]");
    if (none) none.hidden = list.children.length > 0;
  });
})();
