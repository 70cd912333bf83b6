// Progress of background jobs: polls each job's JSON and updates its bar, state, error, result
// link and cancel button; goes on to data-done-url when the job is done.
(function () {
  "use strict";
  function follow(box) {
    var url = box.getAttribute("data-job-url");
    var doneUrl = box.getAttribute("data-done-url");
    var delay = 500;
    function show(selector, visible) {
      var el = box.querySelector(selector);
      if (el) { el.hidden = !visible; }
      return el;
    }
    function text(selector, value) {
      var el = box.querySelector(selector);
      if (el) { el.textContent = value || ""; }
    }
    function update(state) {
      var bar = box.querySelector(".job-bar");
      if (state.percent === null || state.percent === undefined) { bar.removeAttribute("value"); }
      else { bar.value = state.percent; bar.textContent = state.percent + "%"; }
      text(".job-state", state.state_label);
      text(".job-counts", state.counts);
      text(".job-message", state.message);
      text(".job-error", state.error);
      show(".job-error", !!state.error);
      text(".job-summary", state.summary);
      show(".job-summary", !!state.summary);
      show(".job-cancel", !state.finished && !state.cancel_requested);
      var result = show(".job-result", !!state.link);
      if (state.link) { result.querySelector("a").href = state.link; }
    }
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (state) {
          update(state);
          if (state.finished) {
            if (state.state === "done" && doneUrl) { window.location.assign(doneUrl); }
            return;
          }
          delay = Math.min(delay * 1.5, 3000);
          window.setTimeout(poll, delay);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    poll();
  }
  var boxes = document.querySelectorAll("[data-job-url]");
  for (var i = 0; i < boxes.length; i++) { follow(boxes[i]); }
})();
