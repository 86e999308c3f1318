// Backprop walkthrough: the calculator's tables follow the inputs, and the toy network trains in
// chunks of a few epochs (each a short POST) so the loss curve and boundary redraw as it learns.
(function () {
  "use strict";

  const network = document.querySelector(".network-form[data-step-url]");
  const results = document.getElementById("step-results");
  if (network && results) {
    let timer = null;
    let latest = 0;
    const refresh = () => {
      const query = new URLSearchParams(new FormData(network)).toString();
      const ticket = ++latest;
      fetch(network.dataset.stepUrl + "?" + query, { credentials: "same-origin" })
        .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
        .then((html) => {
          // An older answer arriving after a newer one must not overwrite it.
          if (ticket !== latest) return;
          results.innerHTML = html;
          window.history.replaceState(null, "", "?" + query + "#backprop");
        })
        .catch(() => {});
    };
    const soon = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 120);
    };
    network.addEventListener("input", soon);
    network.addEventListener("change", soon);
  }

  const toyForm = document.querySelector(".toy-form[data-toy-url]");
  const toyResult = document.getElementById("toy-result");
  const toyStatus = document.getElementById("toy-status");
  if (!toyForm || !toyResult) return;
  let run = 0;

  // `fields` is the form as it was when "Train" was pressed: edits made during a run wait for
  // the next press instead of changing the network halfway.
  function chunk(current, fields, state) {
    const body = new FormData();
    fields.forEach((value, name) => body.append(name, value));
    if (state) body.set("toy-state", JSON.stringify(state));
    fetch(toyForm.dataset.toyUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": toyForm.dataset.csrf, Accept: "application/json" },
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((reply) => {
        // A newer press of "Train" started another run: drop this one.
        if (current !== run) return;
        toyResult.innerHTML = reply.html;
        if (reply.done) {
          toyStatus.textContent = "";
        } else {
          chunk(current, fields, reply.state);
        }
      })
      .catch(() => {
        if (current === run) toyStatus.textContent = toyForm.dataset.failed;
      });
  }

  toyForm.addEventListener("submit", (event) => {
    event.preventDefault();
    run += 1;
    toyStatus.textContent = toyForm.dataset.training;
    chunk(run, new FormData(toyForm), null);
  });
})();
