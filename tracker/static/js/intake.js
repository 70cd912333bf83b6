// Intake page: pointing at a piece of evidence highlights its sentence in the article.
(function () {
  "use strict";
  function toggle(link, on) {
    var mark = document.getElementById(link.getAttribute("data-mark"));
    if (mark) {
      mark.classList.toggle("active", on);
    }
  }
  var links = document.querySelectorAll("ul.evidence a[data-mark]");
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("mouseenter", function () { toggle(link, true); });
    link.addEventListener("mouseleave", function () { toggle(link, false); });
    link.addEventListener("focus", function () { toggle(link, true); });
    link.addEventListener("blur", function () { toggle(link, false); });
  });
})();
