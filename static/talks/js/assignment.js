// The proposal page: while a worker computes it, poll its state and reload once it is done.
(function () {
  "use strict";
  const box = document.querySelector(".proposal-status[data-status-url]");
  if (!box || box.dataset.status !== "running") return;

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((state) => {
        box.querySelector(".status-label").textContent = state.label;
        if (state.status !== "running") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(() => window.setTimeout(poll, 5000));
  }
  window.setTimeout(poll, 1000);
})();
