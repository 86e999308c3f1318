// The agenda editor: a grid of rooms × time for one day, drag and drop (HTML5) with
// auto-scroll near the edges, resize (pointer events), moves from the keyboard (arrow keys and
// a "Move to" dialog), undo, live conflicts. Every change goes to the JSON endpoints at once
// and the page redraws from the state they answer with, keeping the focus on the item changed;
// an edit against a stale version gets 409 and the page offers to reload. Without JavaScript
// the page shows a table and forms instead.
(function () {
  "use strict";

  var root = document.getElementById("editor");
  var configElement = document.getElementById("editor-config");
  if (!root || !configElement || !window.fetch) return;

  var config = JSON.parse(configElement.textContent);
  var S = config.strings;
  var ROW = 5; // minutes per grid row
  var COMPACT_MINUTES = 20; // items this short or shorter are drawn in one line
  var step = config.step;
  var dayStart = Date.parse(config.start);
  var dayEnd = Date.parse(config.end);
  var rowCount = Math.round(config.minutes / ROW);
  var csrf = root.querySelector("[name=csrfmiddlewaretoken]").value;

  var grid = document.getElementById("editor-grid");
  var cards = root.querySelector(".talk-cards");
  var countBadge = root.querySelector(".unscheduled-count");
  var conflictList = root.querySelector(".conflict-list");
  var errorsCount = root.querySelector(".errors-count");
  var warningsCount = root.querySelector(".warnings-count");
  var statusLine = root.querySelector(".editor-status");
  var staleBanner = root.querySelector(".stale-banner");
  var undoButton = root.querySelector(".undo");
  var filterForm = root.querySelector(".sidebar-filter");
  var newItem = root.querySelector(".new-item");
  var dialog = root.querySelector(".move-dialog");
  var zoomSelect = root.querySelector("[name=zoom]");

  var state = null;
  var undoStack = [];
  var dragging = null;
  var busy = false; // a change is on its way: keys wait for it (its answer has the new version)
  var pendingFocus = null; // {id} of the item to focus once the grid is drawn again
  var labels = {};
  config.labels.forEach(function (pair) {
    labels[pair[0]] = pair[1];
  });

  root.classList.add("editor--js");

  // --- helpers -------------------------------------------------------------------------------

  function iso(ms) {
    return new Date(ms).toISOString().replace(".000Z", "Z");
  }

  function offsetOf(value) {
    return Math.round((Date.parse(value) - dayStart) / 60000);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // config.urls.item, .silence and .edit are templates: the page puts config.urls.placeholder
  // (":id", never an id) where the item's id goes (scheduling/links.py).
  function withId(template, id) {
    return template.split(config.urls.placeholder).join(String(id));
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) {
      return values[key];
    });
  }

  function setStatus(text, failed) {
    statusLine.textContent = text || "";
    statusLine.classList.toggle("failed", !!failed);
  }

  function findItem(id) {
    return state.items.filter(function (item) {
      return item.id === id;
    })[0];
  }

  function onThisDay(item) {
    var start = Date.parse(item.start);
    return start >= dayStart && start < dayEnd;
  }

  // --- talking to the server ----------------------------------------------------------------

  function send(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrf,
      },
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          return { status: response.status, data: data };
        });
    });
  }

  // An error answer, {"detail": "...", "errors": {field: [message, ...]}}, in one line.
  function problem(data) {
    var errors = data.errors || {};
    var fields = Object.keys(errors);
    if (!fields.length) return data.detail;
    return fields
      .map(function (field) {
        var messages = errors[field].join(" ");
        return field === "non_field_errors" ? messages : field + ": " + messages;
      })
      .join(" ");
  }

  // Make one change; on success redraw and remember how to undo it (makeUndo gets the answer).
  function change(method, url, body, makeUndo) {
    setStatus("…");
    busy = true;
    return send(method, url, body).then(
      function (result) {
        busy = false;
        if (result.status >= 400) pendingFocus = null;
        if (result.status === 409) {
          showStale(result.data.detail);
          return null;
        }
        if (result.status >= 400) {
          setStatus(format(S.failed, { message: problem(result.data) || result.status }), true);
          return null;
        }
        state = result.data.state;
        // Undo first: a removed item's focus goes to the undo button, which must be enabled.
        if (makeUndo) undoStack.push(makeUndo(result.data));
        undoButton.disabled = undoStack.length === 0;
        render();
        setStatus(S.saved);
        return result.data;
      },
      function () {
        busy = false;
        pendingFocus = null;
        setStatus(S.network, true);
        return null;
      }
    );
  }

  function reload() {
    return send("GET", config.urls.state).then(function (result) {
      if (result.status !== 200) return;
      // An answer older than what a change already brought back is dropped.
      if (state && result.data.revision < state.revision) return;
      state = result.data;
      undoStack = [];
      undoButton.disabled = true;
      staleBanner.hidden = true;
      render();
      setStatus("");
      root.dataset.ready = "1";
    });
  }

  function showStale(message) {
    staleBanner.querySelector(".stale-message").textContent = message || S.stale;
    staleBanner.hidden = false;
    setStatus("");
  }

  // --- the changes, each with its undo ---------------------------------------------------------

  // A new item from `body` and its times; its undo removes it again.
  function create(body, start, minutes) {
    body.start = iso(start);
    body.end = iso(start + minutes * 60000);
    return change("POST", config.urls.items, body, function (answer) {
      var id = answer.item.id;
      return function () {
        return remove(id, null);
      };
    });
  }

  function placeTalk(submission, room, start, minutes) {
    return create({ submission: submission, room: room }, start, minutes);
  }

  function createOther(kind, title, room, start, minutes) {
    return create({ kind: kind, title: title, room: room }, start, minutes);
  }

  // A change of an item at `url`; its undo sends undoBody there, with the version the item
  // has by then.
  function changeItem(item, method, url, body, undoBody) {
    return change(method, url, Object.assign({ version: item.version }, body), function () {
      return function () {
        var current = findItem(item.id);
        if (!current) return Promise.resolve(null);
        return change(method, url, Object.assign({ version: current.version }, undoBody));
      };
    });
  }

  function move(item, room, start, end) {
    return changeItem(
      item,
      "PATCH",
      withId(config.urls.item, item.id),
      { room: room, start: iso(start), end: iso(end) },
      { room: item.room, start: item.start, end: item.end }
    );
  }

  // makeUndo null: an undo itself is not undone again.
  function remove(id, makeUndo) {
    var item = findItem(id);
    if (!item) return Promise.resolve(null);
    return change(
      "DELETE",
      withId(config.urls.item, id),
      { version: item.version },
      makeUndo === undefined ? restoreLater(item) : makeUndo
    );
  }

  function restoreLater(item) {
    return function () {
      return function () {
        var body = { room: item.room, start: item.start, end: item.end };
        if (item.submission) {
          body.submission = item.submission;
          body.kind = item.kind;
        } else {
          body.kind = item.kind;
          body.title = item.title;
        }
        return change("POST", config.urls.items, body);
      };
    };
  }

  function silence(item, code, silenced) {
    return changeItem(
      item,
      "POST",
      withId(config.urls.silence, item.id),
      { code: code, silenced: silenced },
      { code: code, silenced: !silenced }
    );
  }

  undoButton.addEventListener("click", function () {
    var undo = undoStack.pop();
    undoButton.disabled = undoStack.length === 0;
    if (!undo) {
      setStatus(S.nothing_to_undo);
      return;
    }
    undo();
  });

  staleBanner.querySelector(".reload").addEventListener("click", reload);

  // --- drawing -------------------------------------------------------------------------------

  function place(node, row, rows, column, columns) {
    node.style.gridRow = row + 2 + " / span " + Math.max(rows, 1);
    node.style.gridColumn = columns ? column + " / " + columns : String(column);
  }

  function render() {
    renderGrid();
    renderCards();
    renderConflicts();
  }

  function conflictsByItem() {
    var byItem = {};
    state.conflicts.forEach(function (conflict) {
      if (conflict.silenced) return;
      conflict.items.forEach(function (id) {
        (byItem[id] = byItem[id] || []).push(conflict);
      });
    });
    return byItem;
  }

  function roomName(id) {
    if (id === null) return S.all_rooms;
    var room = state.rooms.filter(function (r) {
      return r.id === id;
    })[0];
    return room ? room.name : "";
  }

  // Which item (and which of its buttons) has the focus, to give it back after a redraw.
  function focusedInGrid() {
    var active = document.activeElement;
    if (!active || !grid.contains(active)) return null;
    var owner = active.closest(".item");
    if (!owner) return null;
    return { id: Number(owner.dataset.item), action: owner === active ? "" : active.dataset.action };
  }

  function restoreFocus(wanted) {
    var node = grid.querySelector('.item[data-item="' + wanted.id + '"]');
    if (!node) {
      // Gone (unscheduled): the undo button is the next thing one may want.
      if (!undoButton.disabled) undoButton.focus();
      return;
    }
    var target = (wanted.action && node.querySelector('[data-action="' + wanted.action + '"]')) || node;
    target.focus({ preventScroll: true });
    node.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  function renderGrid() {
    var rooms = state.rooms;
    var columnOf = {};
    var wanted = pendingFocus || focusedInGrid();
    pendingFocus = null;
    var scrollLeft = grid.scrollLeft;
    var scrollTop = grid.scrollTop;
    grid.textContent = "";
    grid.style.setProperty("--rooms", rooms.length);
    grid.style.setProperty("--rows", rowCount);

    var corner = el("div", "corner");
    corner.style.gridRow = "1";
    corner.style.gridColumn = "1";
    grid.appendChild(corner);
    rooms.forEach(function (room, index) {
      columnOf[room.id] = index + 2;
      // The whole name, wrapped when it is long; the title repeats it with the seats.
      var head = el("div", "room-head");
      head.appendChild(el("span", "name", room.name));
      if (room.capacity) head.appendChild(el("span", "capacity", format(S.seats, { seats: room.capacity })));
      head.title = room.name + (room.capacity ? " (" + room.capacity + ")" : "");
      head.dataset.room = room.id;
      head.style.gridRow = "1";
      head.style.gridColumn = String(index + 2);
      grid.appendChild(head);
    });

    var span = step / ROW;
    for (var offset = 0; offset < config.minutes; offset += step) {
      var label = el("div", "time-label", labels[offset] || "");
      place(label, offset / ROW, span, 1);
      grid.appendChild(label);
      rooms.forEach(function (room) {
        var slot = el("div", "slot" + (labels[offset] && labels[offset].slice(3) === "00" ? " hour" : ""));
        slot.dataset.room = room.id;
        slot.dataset.offset = offset;
        slot.dataset.time = labels[offset] || "";
        place(slot, offset / ROW, span, columnOf[room.id]);
        grid.appendChild(slot);
      });
    }

    var byItem = conflictsByItem();
    state.items.filter(onThisDay).forEach(function (item) {
      if (item.room !== null && !columnOf[item.room]) return;
      var first = Math.max(0, offsetOf(item.start));
      var last = Math.min(config.minutes, offsetOf(item.end));
      var node = el("div", "item kind-" + item.kind + (item.track ? " track-" + item.track : ""));
      // Short items show one line (start and title); the rest on hover and focus.
      if (last - first <= COMPACT_MINUTES) node.classList.add("compact");
      var conflicts = byItem[item.id] || [];
      if (conflicts.some(function (c) { return c.severity === "error"; })) {
        node.classList.add("conflict-error");
      } else if (conflicts.length) {
        node.classList.add("conflict-warning");
      }
      node.draggable = true;
      node.tabIndex = 0;
      node.setAttribute("role", "group");
      node.setAttribute("aria-roledescription", S.item_role);
      node.setAttribute("aria-describedby", "editor-keys");
      node.dataset.item = item.id;
      node.dataset.room = item.room === null ? "" : item.room;
      node.dataset.start = item.start;
      if (item.submission) node.dataset.submission = item.submission;
      var summary = [item.label, roomName(item.room), item.title];
      if (item.speakers) summary.push(item.speakers);
      node.setAttribute("aria-label", summary.concat(conflicts.map(function (c) { return c.message; })).join(", "));
      node.title = [item.label + " · " + roomName(item.room), item.title]
        .concat(item.speakers ? [item.speakers] : [])
        .concat(conflicts.map(function (c) { return "⚠ " + c.message; }))
        .join("\n");
      var when = el("span", "when");
      var times = item.label.split("–");
      when.appendChild(el("span", "start", times[0]));
      if (times[1]) when.appendChild(el("span", "end", "–" + times[1]));
      node.appendChild(when);
      node.appendChild(el("span", "title", item.title));
      if (item.speakers) node.appendChild(el("span", "who", item.speakers));
      var extra = [];
      if (item.stars) extra.push("★ " + item.stars);
      if (item.state === "accepted") extra.push(S.unconfirmed);
      if (extra.length) node.appendChild(el("span", "meta", extra.join(" · ")));

      // In the flow below the text (never over the times), shown on hover and focus.
      var actions = el("span", "actions");
      actions.appendChild(button("−", S.shorter, "shorter", function () {
        var end = Date.parse(item.end) - step * 60000;
        if (end > Date.parse(item.start)) move(item, item.room, Date.parse(item.start), end);
      }));
      actions.appendChild(button("+", S.longer, "longer", function () {
        move(item, item.room, Date.parse(item.start), Date.parse(item.end) + step * 60000);
      }));
      actions.appendChild(button("⇄", S.move_to, "move", function () {
        openDialog({ item: item });
      }));
      actions.appendChild(button("×", S.unschedule, "remove", function () {
        remove(item.id);
      }));
      node.appendChild(actions);
      var handle = el("span", "resize");
      handle.setAttribute("aria-hidden", "true");
      node.appendChild(handle);
      resizable(node, handle, item);

      if (item.room === null) {
        place(node, first / ROW, (last - first) / ROW, 2, -1);
      } else {
        place(node, first / ROW, (last - first) / ROW, columnOf[item.room]);
      }
      grid.appendChild(node);
    });
    grid.scrollLeft = scrollLeft;
    grid.scrollTop = scrollTop;
    if (wanted) restoreFocus(wanted);
  }

  function button(text, label, action, onClick) {
    var node = el("button", "secondary", text);
    node.type = "button";
    node.title = label;
    node.dataset.action = action;
    node.setAttribute("aria-label", label);
    node.addEventListener("click", function (event) {
      event.stopPropagation();
      onClick();
    });
    return node;
  }

  function renderCards() {
    var track = filterForm.elements.track.value;
    var needle = filterForm.elements.q.value.trim().toLowerCase();
    cards.textContent = "";
    var shown = 0;
    state.unscheduled.forEach(function (talk) {
      var card = el("li", "talk-card" + (talk.track ? " track-" + talk.track : ""));
      card.draggable = true;
      card.dataset.submission = talk.submission;
      card.dataset.minutes = talk.minutes;
      card.appendChild(el("span", "title", talk.title));
      var meta = [talk.speakers, format(S.minutes, { minutes: talk.minutes })];
      if (talk.stars) meta.push("★ " + talk.stars);
      if (talk.state === "accepted") meta.push(S.unconfirmed);
      card.appendChild(el("span", "meta", meta.filter(Boolean).join(" · ")));
      var placeButton = el("button", "place link", S.place);
      placeButton.type = "button";
      placeButton.setAttribute("aria-label", format(S.place_talk, { title: talk.title }));
      card.appendChild(placeButton);
      var haystack = (talk.title + " " + talk.speakers + " " + talk.track_name).toLowerCase();
      card.hidden =
        (track && String(talk.track) !== track) || (needle && haystack.indexOf(needle) === -1);
      if (!card.hidden) shown += 1;
      cards.appendChild(card);
    });
    if (!state.unscheduled.length) cards.appendChild(el("li", "muted", S.nothing_unscheduled));
    countBadge.textContent = shown;
  }

  function renderConflicts() {
    // A silence button pressed keeps the focus on its conflict's line after the redraw.
    var active = document.activeElement;
    var kept = active && conflictList.contains(active) ? active.closest(".conflict") : null;
    var keptKey = kept ? kept.dataset.code + "|" + kept.dataset.items : "";
    conflictList.textContent = "";
    var errors = 0;
    var warnings = 0;
    state.conflicts.forEach(function (conflict) {
      var item = findItem(conflict.items[0]);
      var line = el("li", "conflict " + conflict.severity + (conflict.silenced ? " silenced" : ""));
      line.dataset.code = conflict.code;
      line.dataset.items = conflict.items.join(",");
      line.appendChild(el("span", "severity", conflict.severity === "error" ? "✖" : "⚠"));
      line.appendChild(document.createTextNode(conflict.message + " "));
      if (conflict.day !== config.date) line.appendChild(el("span", "muted", "(" + conflict.day + ") "));
      if (conflict.severity === "warning" && item) {
        var toggle = button(conflict.silenced ? S.unsilence : S.silence, conflict.silenced ? S.unsilence : S.silence, "silence", function () {
          silence(item, conflict.code, !conflict.silenced);
        });
        toggle.className = "link";
        line.appendChild(toggle);
      }
      if (!conflict.silenced) {
        if (conflict.severity === "error") errors += 1;
        else warnings += 1;
      }
      conflictList.appendChild(line);
    });
    if (!state.conflicts.length) conflictList.appendChild(el("li", "muted", S.no_conflicts));
    if (keptKey) {
      conflictList.querySelectorAll(".conflict").forEach(function (line) {
        if (line.dataset.code + "|" + line.dataset.items !== keptKey) return;
        var toggle = line.querySelector("button");
        if (toggle) toggle.focus();
      });
    }
    errorsCount.textContent = errors;
    warningsCount.textContent = warnings;
  }

  // --- resizing with the pointer --------------------------------------------------------------

  function resizable(node, handle, item) {
    handle.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      event.stopPropagation();
      node.draggable = false;
      handle.setPointerCapture(event.pointerId);
      var slot = grid.querySelector(".slot");
      var rowPixels = slot.getBoundingClientRect().height / (step / ROW);
      var startY = event.clientY;
      var start = Date.parse(item.start);
      var originalEnd = Date.parse(item.end);
      var end = originalEnd;
      var first = Math.max(0, offsetOf(item.start));

      function moveHandler(moveEvent) {
        var rows = Math.round((moveEvent.clientY - startY) / rowPixels / (step / ROW)) * (step / ROW);
        end = Math.max(start + step * 60000, originalEnd + rows * ROW * 60000);
        var last = Math.min(config.minutes, Math.round((end - dayStart) / 60000));
        node.style.gridRow = first / ROW + 2 + " / span " + Math.max(1, (last - first) / ROW);
      }

      function upHandler() {
        handle.removeEventListener("pointermove", moveHandler);
        handle.removeEventListener("pointerup", upHandler);
        handle.removeEventListener("pointercancel", upHandler);
        node.draggable = true;
        if (end !== originalEnd) move(item, item.room, start, end);
      }

      handle.addEventListener("pointermove", moveHandler);
      handle.addEventListener("pointerup", upHandler);
      handle.addEventListener("pointercancel", upHandler);
    });
  }

  // --- drag and drop -------------------------------------------------------------------------

  // --- auto-scroll while dragging near an edge of the grid or of the window -----------------

  var EDGE = 56; // px from an edge where scrolling starts
  var MAX_SPEED = 1.5; // px per millisecond at the very edge
  var pointer = null;
  var scrolling = false;
  var DWELL = 300; // ms the pointer stays near an edge before scrolling starts (no accidents)
  var lastFrame = 0;
  var nearEdgeSince = 0;
  var elapsed = 16; // ms since the last frame, so the speed does not depend on the frame rate

  function speed(distance) {
    // distance: px inside the edge zone (0 at its inner border, EDGE at the edge and beyond)
    return distance <= 0 ? 0 : Math.ceil((Math.min(distance, EDGE) / EDGE) * MAX_SPEED * elapsed);
  }

  function autoScroll(now) {
    if (!dragging) {
      scrolling = false;
      return;
    }
    elapsed = lastFrame ? Math.min(Math.max(now - lastFrame, 1), 100) : 16;
    lastFrame = now;
    if (pointer) {
      var box = grid.getBoundingClientRect();
      // The part of the grid in the window; the sticky headers are no drop zone anyway.
      var top = Math.max(box.top, 0);
      var bottom = Math.min(box.bottom, window.innerHeight);
      var left = box.left;
      var right = Math.min(box.right, window.innerWidth);
      var head = grid.querySelector(".room-head");
      var time = grid.querySelector(".corner");
      var headHeight = head ? head.offsetHeight : 0;
      var timeWidth = time ? time.offsetWidth : 0;
      var x = pointer.x;
      var y = pointer.y;
      // Beside the grid counts too, a little: the pointer overshoots an edge.
      var inRows = y >= top - EDGE && y <= bottom + EDGE;
      var inColumns = x >= left && x <= right + EDGE;
      var dx = 0;
      var dy = 0;
      if (inRows && x > left) {
        dx = speed(x - (right - EDGE)) - speed(left + timeWidth + EDGE - x);
      }
      if (inColumns) {
        dy = speed(y - (bottom - EDGE)) - speed(top + headHeight + EDGE - y);
      }
      // The window too, when the grid's edge is outside it.
      var windowDy = speed(pointer.y - (window.innerHeight - EDGE)) - speed(EDGE - pointer.y);
      if (!dx && !dy && !windowDy) {
        nearEdgeSince = 0;
      } else if (!nearEdgeSince) {
        nearEdgeSince = now;
      } else if (now - nearEdgeSince >= DWELL) {
        if (dx) grid.scrollLeft += dx;
        if (dy) grid.scrollTop += dy;
        if (windowDy) window.scrollBy(0, windowDy);
      }
    }
    window.requestAnimationFrame(autoScroll);
  }

  document.addEventListener("dragover", function (event) {
    if (dragging) pointer = { x: event.clientX, y: event.clientY };
  });

  function startDrag(event, what) {
    dragging = what;
    pointer = null;
    if (!scrolling) {
      scrolling = true;
      lastFrame = 0;
      nearEdgeSince = 0;
      window.requestAnimationFrame(autoScroll);
    }
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", JSON.stringify(what));
    // Later, so that the browser takes its drag image before the item turns see-through.
    window.setTimeout(function () {
      grid.classList.add("dragging");
    }, 0);
  }

  function endDrag() {
    dragging = null;
    pointer = null;
    grid.classList.remove("dragging");
    cards.classList.remove("drop-target");
    grid.querySelectorAll(".slot.over").forEach(function (slot) {
      slot.classList.remove("over");
    });
  }

  cards.addEventListener("dragstart", function (event) {
    var card = event.target.closest(".talk-card");
    if (!card) return;
    startDrag(event, {
      type: "talk",
      submission: Number(card.dataset.submission),
      minutes: Number(card.dataset.minutes),
    });
  });

  grid.addEventListener("dragstart", function (event) {
    var node = event.target.closest(".item");
    if (!node) return;
    var item = findItem(Number(node.dataset.item));
    startDrag(event, { type: "item", id: item.id });
  });

  if (newItem) {
    newItem.querySelector(".new-item-card").addEventListener("dragstart", function (event) {
      startDrag(event, {
        type: "new",
        kind: newItem.querySelector("[name=new-kind]").value,
        title: newItem.querySelector("[name=new-title]").value,
        minutes: Number(newItem.querySelector("[name=new-minutes]").value) || 30,
        allRooms: newItem.querySelector("[name=new-all-rooms]").checked,
      });
    });
  }

  document.addEventListener("dragend", endDrag);

  grid.addEventListener("dragover", function (event) {
    var slot = event.target.closest(".slot");
    if (!slot || !dragging) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    grid.querySelectorAll(".slot.over").forEach(function (other) {
      if (other !== slot) other.classList.remove("over");
    });
    slot.classList.add("over");
  });

  grid.addEventListener("drop", function (event) {
    var slot = event.target.closest(".slot");
    var what = dragging;
    endDrag();
    if (!slot || !what) return;
    event.preventDefault();
    var room = Number(slot.dataset.room);
    var start = dayStart + Number(slot.dataset.offset) * 60000;
    if (what.type === "talk") {
      focusAfter(placeTalk(what.submission, room, start, what.minutes));
    } else if (what.type === "new") {
      createOther(what.kind, what.title, what.allRooms ? null : room, start, what.minutes);
    } else if (what.type === "item") {
      var item = findItem(what.id);
      if (!item) return;
      var length = Date.parse(item.end) - Date.parse(item.start);
      pendingFocus = { id: item.id };
      move(item, item.room === null ? null : room, start, start + length);
    }
  });

  // A new item gets the focus once the answer names it (the redraw has happened by then).
  function focusAfter(promise) {
    return promise.then(function (answer) {
      if (answer && answer.item) restoreFocus({ id: answer.item.id });
      return answer;
    });
  }

  // --- moving from the keyboard ------------------------------------------------------------------

  function roomIndex(id) {
    for (var i = 0; i < state.rooms.length; i += 1) if (state.rooms[i].id === id) return i;
    return -1;
  }

  // Move (or resize) an item and say where it went, for people who do not see the grid.
  function moveAndSay(item, room, start, end) {
    pendingFocus = { id: item.id };
    return move(item, room, start, end).then(function (answer) {
      if (answer && answer.item) {
        setStatus(format(S.moved, { room: roomName(answer.item.room), when: answer.item.label }));
      }
      return answer;
    });
  }

  grid.addEventListener("keydown", function (event) {
    var node = event.target;
    if (!node.classList || !node.classList.contains("item")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var item = findItem(Number(node.dataset.item));
    if (!item) return;
    var start = Date.parse(item.start);
    var end = Date.parse(item.end);
    var length = end - start;
    var stepMs = step * 60000;
    var target = null; // [room, start, end]
    if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      var sign = event.key === "ArrowUp" ? -1 : 1;
      if (event.shiftKey) {
        if (end + sign * stepMs > start) target = [item.room, start, end + sign * stepMs];
      } else if (start + sign * stepMs >= dayStart && end + sign * stepMs <= dayEnd) {
        target = [item.room, start + sign * stepMs, end + sign * stepMs];
      }
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      var index = roomIndex(item.room) + (event.key === "ArrowLeft" ? -1 : 1);
      if (item.room !== null && index >= 0 && index < state.rooms.length) {
        target = [state.rooms[index].id, start, end];
      }
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openDialog({ item: item });
      return;
    } else {
      return;
    }
    event.preventDefault();
    if (busy) return; // the answer to the last key is still on its way
    if (!target) {
      setStatus(S.cannot_move);
      return;
    }
    moveAndSay(item, target[0], target[1], target[2]);
  });

  // --- the "Move to" dialog: room, start and length from menus --------------------------------

  var opener = null;
  var subject = null; // {item} or {talk}

  function option(value, text, selected) {
    var node = el("option", "", text);
    node.value = String(value);
    node.selected = !!selected;
    return node;
  }

  function openDialog(what) {
    if (!dialog) return;
    subject = what;
    opener = document.activeElement;
    var form = dialog.querySelector("form");
    var rooms = form.elements.room;
    var times = form.elements.time;
    var item = what.item;
    var current = item ? offsetOf(item.start) : null;
    rooms.textContent = "";
    if (item && item.room === null) {
      rooms.appendChild(option("", S.all_rooms, true));
      rooms.disabled = true;
    } else {
      rooms.disabled = false;
      state.rooms.forEach(function (room) {
        rooms.appendChild(option(room.id, room.name, item && room.id === item.room));
      });
    }
    times.textContent = "";
    for (var offset = 0; offset < config.minutes; offset += step) {
      if (current !== null && current > offset - step && current < offset) {
        times.appendChild(option(current, labels[current], true));
      }
      times.appendChild(option(offset, labels[offset], offset === current));
    }
    form.elements.minutes.value = item ? item.minutes : what.talk.minutes;
    dialog.querySelector(".move-what").textContent = item
      ? item.label + " · " + roomName(item.room) + " · " + item.title
      : what.talk.title;
    var other = dialog.querySelector(".move-other-day");
    other.hidden = !item;
    if (item) other.querySelector("a").href = withId(config.urls.edit, item.id);
    dialog.querySelector(".move-error").textContent = "";
    dialog.showModal();
    (rooms.disabled ? times : rooms).focus();
  }

  function closeDialog() {
    dialog.close();
    if (opener && document.contains(opener)) opener.focus();
  }

  if (dialog) {
    dialog.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var form = event.target;
      var minutes = Number(form.elements.minutes.value);
      if (!(minutes >= 5) || minutes % 5) {
        dialog.querySelector(".move-error").textContent = S.bad_minutes;
        return;
      }
      var start = dayStart + Number(form.elements.time.value) * 60000;
      var end = start + minutes * 60000;
      var what = subject;
      dialog.close();
      // Back where it was; once the change is drawn the focus moves to the item changed.
      if (opener && document.contains(opener)) opener.focus({ preventScroll: true });
      if (what.item) {
        var item = findItem(what.item.id);
        if (!item) return;
        var room = item.room === null ? null : Number(form.elements.room.value);
        moveAndSay(item, room, start, end);
      } else {
        focusAfter(placeTalk(what.talk.submission, Number(form.elements.room.value), start, minutes));
      }
    });
    dialog.querySelector(".cancel").addEventListener("click", closeDialog);
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault();
      closeDialog();
    });
  }

  // Unscheduled talks: Enter (or the "Place…" button) opens the same dialog.
  cards.addEventListener("click", function (event) {
    var placeButton = event.target.closest("button.place");
    if (!placeButton) return;
    var card = placeButton.closest(".talk-card");
    var talk = state.unscheduled.filter(function (t) {
      return t.submission === Number(card.dataset.submission);
    })[0];
    if (talk) openDialog({ talk: talk });
  });

  // --- zoom: how wide the rooms and how tall the rows are; remembered in this browser --------

  var ZOOMS = ["fit", "normal", "large"];

  function setZoom(value) {
    if (ZOOMS.indexOf(value) === -1) value = "normal";
    ZOOMS.forEach(function (zoom) {
      grid.classList.toggle("zoom-" + zoom, zoom === value);
    });
    if (zoomSelect) zoomSelect.value = value;
    try {
      window.localStorage.setItem("editor-zoom", value);
    } catch (error) {
      // private windows may refuse: the zoom is then not remembered
    }
  }

  if (zoomSelect) {
    var saved = null;
    try {
      saved = window.localStorage.getItem("editor-zoom");
    } catch (error) {
      saved = null;
    }
    setZoom(saved || "normal");
    zoomSelect.addEventListener("change", function () {
      setZoom(zoomSelect.value);
    });
  }

  cards.addEventListener("dragover", function (event) {
    if (!dragging || dragging.type !== "item") return;
    event.preventDefault();
    cards.classList.add("drop-target");
  });

  cards.addEventListener("dragleave", function () {
    cards.classList.remove("drop-target");
  });

  cards.addEventListener("drop", function (event) {
    var what = dragging;
    endDrag();
    if (!what || what.type !== "item") return;
    event.preventDefault();
    remove(what.id);
  });

  // --- the sidebar's filter works as you type --------------------------------------------------

  filterForm.addEventListener("submit", function (event) {
    event.preventDefault();
    renderCards();
  });
  filterForm.elements.track.addEventListener("change", renderCards);
  filterForm.elements.q.addEventListener("input", renderCards);

  reload();
})();
