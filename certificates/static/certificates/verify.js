// Compare a dropped or chosen PDF with the issued document's SHA-256, in the browser:
// the file is read locally and never sent anywhere.
(function () {
  "use strict";
  var MAX_BYTES = 20 * 1024 * 1024;
  var box = document.querySelector("[data-hash-check]");
  if (!box) return;
  var expected = (box.getAttribute("data-sha256") || "").toLowerCase();
  var zone = box.querySelector("[data-drop-zone]");
  var input = box.querySelector("[data-hash-input]");
  var result = box.querySelector("[data-hash-result]");
  box.hidden = false;

  function say(key, state) {
    result.textContent = result.getAttribute("data-" + key);
    result.className = "hash-check__result" + (state ? " hash-check__result--" + state : "");
  }

  function hex(buffer) {
    return Array.prototype.map
      .call(new Uint8Array(buffer), function (b) { return ("0" + b.toString(16)).slice(-2); })
      .join("");
  }

  function check(file) {
    if (!file) return;
    if (file.size > MAX_BYTES) return say("too-big", "bad");
    if (!(window.crypto && window.crypto.subtle && file.arrayBuffer)) {
      return say("unsupported", "bad");
    }
    say("working");
    file.arrayBuffer()
      .then(function (data) { return window.crypto.subtle.digest("SHA-256", data); })
      .then(function (digest) {
        var match = hex(digest) === expected;
        say(match ? "match" : "mismatch", match ? "ok" : "bad");
      })
      .catch(function () { say("unsupported", "bad"); });
  }

  input.addEventListener("change", function () { check(input.files[0]); });
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("drop-zone--over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("drop-zone--over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    check(event.dataTransfer.files[0]);
  });
})();
