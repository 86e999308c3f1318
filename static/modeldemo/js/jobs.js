// Poll the progress of running ML jobs and update their progress bars; reload when one ends.
(function () {
  "use strict";
  const running = Array.from(document.querySelectorAll(".job[data-job-url]")).filter(
    (el) => el.dataset.status === "queued" || el.dataset.status === "running"
  );
  if (!running.length) return;

  function poll(el) {
    fetch(el.dataset.jobUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((job) => {
        el.querySelector("progress").value = job.percent;
        el.querySelector(".job-percent").textContent = job.percent + "%";
        el.querySelector(".job-message").textContent = job.message;
        const error = el.querySelector(".job-error");
        if (error) {
          error.textContent = job.error || "";
          error.hidden = !job.error;
        }
        el.dataset.status = job.status;
        if (job.status === "done" || job.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(() => poll(el), 1000);
        }
      })
      .catch(() => window.setTimeout(() => poll(el), 5000));
  }
  running.forEach(poll);
})();
