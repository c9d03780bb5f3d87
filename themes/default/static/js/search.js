// ugsite: search the site with its Pagefind index, in the browser, with no server.
(function () {
  "use strict";
  var form = document.querySelector("form[data-ug-search]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("ug-search-status");
  var list = document.getElementById("ug-search-results");
  var pagefind = null;
  function load() {
    if (!pagefind) {
      pagefind = import(form.getAttribute("data-ug-search")).then(function (module) {
        module.options({ baseUrl: form.getAttribute("data-ug-base") });
        return module;
      });
    }
    return pagefind;
  }
  function show(query) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    load().then(function (module) { return module.search(query); }).then(function (found) {
      return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (results) {
      status.textContent = results.length ? results.length + (results.length === 1 ? " result" : " results") : "Nothing found.";
      results.forEach(function (r) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = r.url;
        link.textContent = (r.meta && r.meta.title) || r.url;
        var excerpt = document.createElement("p");
        excerpt.innerHTML = r.excerpt; // Pagefind escapes the page text and adds only <mark>
        item.appendChild(link);
        item.appendChild(excerpt);
        list.appendChild(item);
      });
    }).catch(function () { status.textContent = "Search is not available right now."; });
  }
  var query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  show(query);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    show(input.value);
  });
})();
