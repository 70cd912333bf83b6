// The case list's bulk bar: a "select all on this page" box ticks every row's box.
(function () {
  "use strict";
  var all = document.getElementById("bulk-select-page");
  if (!all) return;
  all.hidden = false;
  all.addEventListener("change", function () {
    document.querySelectorAll('input[type=checkbox][name=ids][form=bulk]').forEach(function (box) {
      box.checked = all.checked;
    });
  });
})();
