// ugsite: search the site with its Pagefind index, in the browser, with no server. What it says
// comes from the page (#ug-text, in the site's language).
(function () {
  "use strict";
  var form = document.querySelector("form[data-ug-search]");
  var source = document.getElementById("ug-text");
  var text = source ? JSON.parse(source.textContent) : {};  // without its words, it finds but says nothing
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("ug-search-status");
  var list = document.getElementById("ug-search-results");
  function say(words) { status.textContent = words || ""; }
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
    if (!query.trim()) { say(""); return; }
    say(text.searching);
    load().then(function (module) { return module.search(query); }).then(function (found) {
      return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (results) {
      say(results.length ? (text.results || [])[results.length - 1] : text.nothing);  // "1 result" … "20 results"
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
    }).catch(function () { say(text.unavailable); });
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
