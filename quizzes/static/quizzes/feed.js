// Feed-card touches on top of plain forms: the quiz works without this file.
// - double-tap (or double-click) the post picture to press its like button, as in the apps;
// - a short "pop" on the like button before the form submits;
// - one submit per form, so a double tap never posts twice (the server dedupes anyway).
(function () {
  "use strict";
  document.querySelectorAll("[data-quiz-form]").forEach(function (form) {
    var sent = false;
    form.addEventListener("submit", function (event) {
      if (sent) { event.preventDefault(); return; }
      sent = true;
    });
    var card = form.querySelector("[data-feed-card]");
    if (!card) { return; }
    var like = card.querySelector('button[data-feed-action="like"]');
    if (!like) { return; }
    like.addEventListener("click", function (event) {
      if (like.dataset.popped) { return; }
      event.preventDefault();
      like.dataset.popped = "1";
      card.classList.add("is-liking");
      window.setTimeout(function () { form.requestSubmit(like); }, 250);
    });
    var image = card.querySelector("[data-feed-image]");
    // Double-tap only ever likes, never unlikes, as in the apps.
    if (image && !card.hasAttribute("data-liked")) {
      image.addEventListener("dblclick", function () { like.click(); });
    }
  });
})();
