// Evidence upload with a progress bar. Without JavaScript the form posts as usual.
(function () {
  "use strict";
  var form = document.getElementById("evidence-upload");
  var bar = document.getElementById("evidence-progress");
  if (!form || !bar || !window.FormData) {
    return;
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    bar.hidden = false;
    bar.value = 0;
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        bar.value = Math.round((e.loaded / e.total) * 100);
      }
    });
    request.addEventListener("load", function () {
      window.location.assign(request.responseURL || form.action);
    });
    request.addEventListener("error", function () {
      bar.hidden = true;
      form.submit();
    });
    request.send(new FormData(form));
  });
})();
