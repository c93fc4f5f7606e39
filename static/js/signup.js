/* Sign-up: a field marked data-account-types is shown only for those account types, so a
   jobseeker is asked nothing about organisations (every field shows without JavaScript). */
(function () {
  "use strict";
  function update(form) {
    var chosen = form.querySelector("[name=account_type]:checked");
    form.querySelectorAll("[data-account-types]").forEach(function (row) {
      row.hidden = !chosen || row.dataset.accountTypes.split(" ").indexOf(chosen.value) === -1;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("signup-form");
    if (!form) { return; }
    update(form);
    form.addEventListener("change", function (event) {
      if (event.target.name === "account_type") { update(form); }
    });
  });
})();
