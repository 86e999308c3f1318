// Filter forms: apply a filter as soon as a menu changes (the Filter button does it without JS;
// the search box applies with Enter). A new filter starts again at the first page.
(function () {
  "use strict";
  document.querySelectorAll("form.js-autosubmit").forEach(function (form) {
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () {
        form.submit();
      });
    });
  });
})();
