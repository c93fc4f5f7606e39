/* New-product form: only the fields of the chosen kind are shown (all of them without JavaScript). */
(function () {
  "use strict";
  function update(form) {
    var kind = form.querySelector("[name=kind]");
    if (!kind) { return; }
    form.querySelectorAll("[data-kinds]").forEach(function (row) {
      row.hidden = row.dataset.kinds.split(" ").indexOf(kind.value) === -1;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("product-form");
    if (!form) { return; }
    update(form);
    form.addEventListener("change", function (event) {
      if (event.target.name === "kind") { update(form); }
    });
  });
})();
