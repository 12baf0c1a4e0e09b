// Roster import page: follow the worker's progress, then reload to show the report.
(function () {
  "use strict";
  var box = document.querySelector("[data-roster-status]");
  if (!box) return;
  var bar = box.querySelector(".progress__bar");
  var meter = box.querySelector("[role=progressbar]");
  var text = box.querySelector("[data-progress-text]");

  function poll() {
    fetch(box.dataset.rosterStatus, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        bar.setAttribute("width", status.progress);
        meter.setAttribute("aria-valuenow", status.progress);
        text.textContent = status.progress + "%";
        if (status.finished) window.location.reload();
        else window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
