// Every form with problems: the first field with a problem gets the focus (and is scrolled to);
// the summary's links move the focus to their field. The pages work without this script.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (!summary) return;

  function target(anchor) {
    var node = document.getElementById(anchor);
    if (!node) return null;
    // a link to "name-error" means the field the message belongs to
    var box = node.closest(".field, fieldset") || node;
    return box.querySelector("input:not([type=hidden]), select, textarea") || node;
  }
  function show(node) {
    node.scrollIntoView({ block: "center" });
    if (node.focus) node.focus({ preventScroll: true });
  }
  summary.querySelectorAll("a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var node = target(link.getAttribute("href").slice(1));
      if (!node) return;
      event.preventDefault();
      show(node);
    });
  });
  var first = summary.querySelector("a[href^='#']");
  var node = first && target(first.getAttribute("href").slice(1));
  if (node) show(node);
})();
