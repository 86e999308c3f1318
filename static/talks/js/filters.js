// Filter forms: apply a filter as soon as it changes (the Filter button does it without JS),
// and a "tick all" box for the bulk actions.
(function () {
  "use strict";
  document.querySelectorAll("form.js-autosubmit select").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  });
  var boxes = document.querySelectorAll("input[name=submissions]");
  var header = document.querySelector(".review-list thead th");
  if (!boxes.length || !header) return;
  var all = document.createElement("input");
  all.type = "checkbox";
  all.title = header.textContent.trim();
  all.addEventListener("change", function () {
    boxes.forEach(function (box) {
      box.checked = all.checked;
    });
  });
  header.appendChild(all);
})();
