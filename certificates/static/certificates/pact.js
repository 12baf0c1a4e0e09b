// One submit per sign form: a double tap on a slow phone must not post twice (the server
// would return the same signature anyway, but the learner should not wait twice).
document.querySelectorAll("form[data-once]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
    form.querySelectorAll("button[type=submit]").forEach((b) => b.setAttribute("aria-busy", "true"));
  });
});
