// Submission form: show the chosen format's usual length as the duration's placeholder.
(function () {
  "use strict";
  var format = document.getElementById("id_format");
  var duration = document.getElementById("id_duration");
  if (!format || !duration || !format.dataset.durations) return;
  var lengths = {};
  format.dataset.durations.split(",").forEach(function (pair) {
    var parts = pair.split(":");
    lengths[parts[0]] = parts[1];
  });
  function update() {
    duration.placeholder = lengths[format.value] || "";
  }
  format.addEventListener("change", update);
  update();
})();
