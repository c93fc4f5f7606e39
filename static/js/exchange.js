/* The exchange's page behaviour, kept out of the HTML so the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";

  function enhance(root) {
    // Progress bars take their width from data-progress (an inline style attribute would break the policy).
    root.querySelectorAll("[data-progress]").forEach(function (bar) {
      bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.progress) || 0)) + "%";
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  // Fragments that htmx swaps in (build and upload progress) get the same treatment.
  document.addEventListener("htmx:load", function (event) { enhance(event.target.parentNode || document); });

  document.addEventListener("change", function (event) {
    // <select data-autosubmit>: the language switch sends its form as soon as a language is picked.
    if (event.target.matches("select[data-autosubmit]")) { event.target.form.submit(); }
  });

  document.addEventListener("submit", function (event) {
    // <form data-submit-once>: one order per click; the button is disabled as the form leaves
    // (the idempotency key covers a resubmit).
    if (event.target.matches("form[data-submit-once]")) {
      event.target.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
    }
  });
})();
