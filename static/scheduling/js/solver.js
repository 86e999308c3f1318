// The automatic draft schedule's pages: each weight slider shows its value; a run's page polls
// the run's progress and reloads when the run has ended (without JavaScript it refreshes itself).
(function () {
  "use strict";

  document.querySelectorAll(".weight-field input[type=range]").forEach((input) => {
    const output = input.closest(".weight-control").querySelector("output");
    if (!output) return;
    input.addEventListener("input", () => {
      output.textContent = input.value;
    });
  });

  const section = document.querySelector(".solver-progress[data-status-url]");
  if (!section) return;

  function show(selector, value) {
    const el = section.querySelector(selector);
    if (el) el.textContent = value === null || value === undefined ? "—" : String(value);
  }

  function poll() {
    fetch(section.dataset.statusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((run) => {
        section.querySelector("progress").value = run.percent;
        show(".progress-seconds", run.seconds || 0);
        show(".progress-objective", run.objective);
        show(".progress-hard", run.hard_conflicts_left);
        show(".progress-placed", (run.placed || 0) + " / " + (run.total === null ? "—" : run.total));
        if (!run.active) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(() => window.setTimeout(poll, 5000));
  }
  window.setTimeout(poll, 500);
})();
