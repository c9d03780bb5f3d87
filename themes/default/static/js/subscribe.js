// ugsite: a Copy button beside the calendar address of the Subscribe panel. Without
// JavaScript (or without clipboard access) the reader selects the read-only address.
(function () {
  "use strict";
  document.querySelectorAll("input[data-ug-copy]").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
    if (!navigator.clipboard) return;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Copy";
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = "Copied";
        status.textContent = "Address copied";
      }, function () {
        input.focus();
      });
    });
    input.parentNode.appendChild(button);
    input.parentNode.appendChild(status);
  });
})();
