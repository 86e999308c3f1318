// The outbox page: ask before a button with data-confirm sends or discards many e-mails, and
// offer one box that ticks every held e-mail of the page. Without JS both buttons still work.
(function () {
  "use strict";
  document.querySelectorAll("button[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
  var all = document.getElementById("pick-all-held");
  if (all) {
    all.hidden = false;
    all.addEventListener("change", function () {
      document.querySelectorAll('#held-form input[name="mail"]').forEach(function (box) {
        box.checked = all.checked;
      });
    });
  }
})();
