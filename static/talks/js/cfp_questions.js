// Submission form: show only the organisers' questions asked of the chosen format (and track,
// where the form has a track menu). The server checks the scope again when saving.
(function () {
  "use strict";
  var questions = document.querySelectorAll(".cfp-question");
  if (!questions.length) return;
  var format = document.getElementById("id_format");
  var track = document.getElementById("id_track");
  function listed(value, list) {
    return !list || list.split(",").indexOf(value) !== -1;
  }
  function update() {
    var shown = 0;
    questions.forEach(function (question) {
      var asked = (!format || listed(format.value, question.dataset.formats)) &&
        (!track || listed(track.value, question.dataset.tracks));
      question.hidden = !asked;
      if (asked) shown += 1;
    });
    var fieldset = document.querySelector(".cfp-questions-fields");
    if (fieldset) fieldset.hidden = shown === 0;
  }
  if (format) format.addEventListener("change", update);
  if (track) track.addEventListener("change", update);
  update();
})();
