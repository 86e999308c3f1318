// Stars on the agenda. Logged in: the star form is sent with fetch and the page stays put.
// Anonymous: stars live in this browser's localStorage, "My agenda" shows them, and after
// logging in the page offers to keep them. Without JavaScript the forms post as usual.
(function () {
  "use strict";

  var root = document.querySelector("[data-stars-key]");
  if (!root) return;
  var key = root.dataset.starsKey;
  var loggedIn = root.dataset.authenticated === "1";

  function stored() {
    try {
      var ids = JSON.parse(window.localStorage.getItem(key) || "[]");
      return Array.isArray(ids) ? ids.map(Number).filter(Boolean) : [];
    } catch (error) {
      return [];
    }
  }

  function store(ids) {
    try {
      if (ids.length) window.localStorage.setItem(key, JSON.stringify(ids));
      else window.localStorage.removeItem(key);
    } catch (error) {
      // Private mode or storage full: stars last as long as the page.
    }
  }

  function show(form, starred) {
    var button = form.querySelector("button.star");
    var label = starred ? button.dataset.on : button.dataset.off;
    button.setAttribute("aria-pressed", starred ? "true" : "false");
    button.title = label;
    button.querySelector(".glyph").textContent = starred ? "★" : "☆";
    button.querySelector(".label").textContent = label;
    form.querySelector("[name=starred]").value = starred ? "0" : "1";
    var mine = form.closest(".my-agenda li[data-talk]");
    if (mine && !starred) mine.hidden = true;
  }

  var forms = root.querySelectorAll("form.star-form");

  if (!loggedIn) {
    var ids = stored();
    forms.forEach(function (form) {
      show(form, ids.indexOf(Number(form.dataset.talk)) !== -1);
    });
    if (root.classList.contains("local-stars")) {
      var shown = 0;
      root.querySelectorAll("li[data-talk]").forEach(function (item) {
        item.hidden = ids.indexOf(Number(item.dataset.talk)) === -1;
        if (!item.hidden) shown += 1;
      });
      var empty = root.querySelector(".empty-agenda");
      if (empty) empty.hidden = shown > 0;
    }
  } else {
    var importForm = root.querySelector("form.import-stars");
    var pending = stored();
    if (importForm && pending.length) {
      importForm.elements.talks.value = pending.join(",");
      importForm.hidden = false;
      importForm.addEventListener("submit", function () {
        store([]);
      });
    }
  }

  root.addEventListener("submit", function (event) {
    var form = event.target.closest("form.star-form");
    if (!form) return;
    event.preventDefault();
    var talk = Number(form.dataset.talk);
    var starred = form.querySelector("[name=starred]").value === "1";
    if (!loggedIn) {
      var ids = stored().filter(function (id) {
        return id !== talk;
      });
      if (starred) ids.push(talk);
      store(ids);
      show(form, starred);
      return;
    }
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      body: new FormData(form),
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer) show(form, answer.starred);
        else form.submit();
      })
      .catch(function () {
        form.submit();
      });
  });
})();
