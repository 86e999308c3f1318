// The submissions list's bulk bar: a "tick all on this page" box, and a count of what the
// bulk action will touch (the ticked rows, or all the matching ones). The server counts again
// on its confirmation step, so this is only a help.
(function () {
  "use strict";
  var form = document.getElementById("bulk-decisions");
  if (!form) return;
  var boxes = form.querySelectorAll("input[name=submissions]");
  var all = document.getElementById("bulk-select_all");
  var count = form.querySelector(".bulk-count");
  var header = form.querySelector("thead th.pick");

  function update() {
    var ticked = 0;
    boxes.forEach(function (box) {
      box.disabled = all.checked;
      if (box.checked) ticked += 1;
    });
    if (all.checked) count.textContent = count.dataset.all;
    else if (ticked) count.textContent = count.dataset.some.replace("%(n)s", ticked);
    else count.textContent = count.dataset.none;
  }

  if (header && boxes.length) {
    var page = document.createElement("input");
    page.type = "checkbox";
    page.id = "bulk-page";
    page.title = header.textContent.trim();
    page.setAttribute("aria-label", page.title);
    page.addEventListener("change", function () {
      boxes.forEach(function (box) {
        box.checked = page.checked;
      });
      update();
    });
    header.appendChild(page);
  }
  boxes.forEach(function (box) {
    box.addEventListener("change", update);
  });
  all.addEventListener("change", update);
  update();
})();
