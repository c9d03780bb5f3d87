// ugsite: a Copy button beside the calendar address of the Subscribe panel. Without
// JavaScript (or without clipboard access) the reader selects the read-only address. Its words
// come from the page (#ug-text, in the site's language).
(function () {
  "use strict";
  var source = document.getElementById("ug-text");
  var text = source ? JSON.parse(source.textContent) : null;
  document.querySelectorAll("input[data-ug-copy]").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
    if (!navigator.clipboard || !text) return;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = text.copy;
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = text.copied;
        status.textContent = text.address_copied;
      }, function () {
        input.focus();
      });
    });
    input.parentNode.appendChild(button);
    input.parentNode.appendChild(status);
  });
})();
