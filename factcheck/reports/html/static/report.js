/* factcheck audit report: filters, sortable tables, target highlight. Inlined, no dependencies.
   Nothing runs per finding at load: listeners are delegated, and a filter is one pass over the
   list items, which toggles their hidden attribute. */
(function () {
  "use strict";
  var doc = document;

  /* --- findings filter: severity checkboxes, rule select, free text ---
     The list shows the first `limit` matching items; beyond the first page the items wait in
     an inert <template> (parsed, never styled or laid out). A filter is one pass over all
     items that collects the first `limit` matches into a fragment, which replaces the list's
     children. "Show more" raises the limit. Nothing here runs before the first interaction. */
  /* --- claims on demand: the "Show claims" box underlines every claim by its support --- */
  var claimsBox = doc.getElementById("show-claims");
  if (claimsBox) {
    claimsBox.checked = false;
    claimsBox.addEventListener("change", function () { doc.body.classList.toggle("show-claims", claimsBox.checked); });
  }

  var list = doc.getElementById("flist");
  var form = doc.getElementById("filters");
  var more = doc.getElementById("more");
  var step = list ? parseInt(list.getAttribute("data-limit"), 10) || 200 : 200;
  var limit = step;
  var store = null; /* every item in document order, gathered on first use */
  var texts = null; /* lower-cased text of each item, gathered on the first text search */

  function allItems() {
    if (store === null) {
      store = Array.prototype.slice.call(list.children);
      var rest = doc.getElementById("more-findings");
      if (rest) { store = store.concat(Array.prototype.slice.call(rest.content.children)); }
    }
    return store;
  }

  function status(shown, matching, total) {
    if (matching === total) {
      return shown === total ? total + " of " + total + " findings shown"
        : "first " + shown + " of " + total + " findings shown";
    }
    if (shown === matching) { return matching + " of " + total + " findings shown"; }
    return "first " + shown + " of " + matching + " matching findings shown (" + total + " in all)";
  }

  function applyFilter(everything) {
    if (!list || !form) { return; }
    var items = allItems();
    var sevs = {};
    var boxes = form.querySelectorAll("input[data-sev]");
    for (var b = 0; b < boxes.length; b++) { sevs[boxes[b].getAttribute("data-sev")] = boxes[b].checked; }
    var rule = form.querySelector("select").value;
    var query = form.querySelector("input[type=search]").value.trim().toLowerCase();
    if (query && texts === null) {
      texts = [];
      for (var t = 0; t < items.length; t++) { texts.push(items[t].textContent.toLowerCase()); }
    }
    var frag = doc.createDocumentFragment();
    var matching = 0, shown = 0;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var ok = everything === true || (sevs[item.getAttribute("data-sev")] !== false &&
        (!rule || item.getAttribute("data-rule") === rule) &&
        (!query || texts[i].indexOf(query) !== -1));
      if (!ok) { continue; }
      matching++;
      if (everything === true || shown < limit) { frag.appendChild(item); shown++; }
    }
    list.textContent = "";
    list.appendChild(frag);
    var out = doc.getElementById("shown");
    if (out) { out.textContent = status(shown, matching, items.length); }
    if (more) { more.hidden = shown >= matching; }
    for (var s in sevs) {
      if (Object.prototype.hasOwnProperty.call(sevs, s)) { doc.body.classList.toggle("hide-" + s, !sevs[s]); }
    }
  }

  function refilter() { limit = step; applyFilter(); }
  if (form) {
    var timer = 0;
    form.addEventListener("change", refilter);
    form.addEventListener("input", function (event) {
      if (event.target.type !== "search") { return; }
      clearTimeout(timer);
      timer = setTimeout(refilter, 120);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); applyFilter(); });
    form.addEventListener("reset", function () { setTimeout(refilter, 0); });
  }
  if (more) {
    more.addEventListener("click", function () { limit += 5 * step; applyFilter(); });
  }
  /* a printed report lists every finding; the screen's filter comes back afterwards */
  window.addEventListener("beforeprint", function () {
    if (list && form) { applyFilter(true); }
    var buttons = doc.querySelectorAll("button[data-show-all]");
    for (var i = 0; i < buttons.length; i++) { buttons[i].click(); }
  });
  window.addEventListener("afterprint", function () { if (list && form) { applyFilter(); } });

  /* rule buttons in the header set the rule filter */
  doc.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-rule]") : null;
    if (!button || !form) { return; }
    form.querySelector("select").value = button.getAttribute("data-rule");
    refilter();
    var aside = doc.getElementById("findings");
    if (aside) { aside.scrollIntoView({block: "start"}); }
  });

  /* --- sortable tables: click a column header ---
     A long table shows its first rows; the others wait in the <template> its data-more names.
     Sorting orders every row and shows as many as were shown before. */
  function tableRows(table) {
    if (!table.fcRows) {
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var rest = table.getAttribute("data-more") && doc.getElementById(table.getAttribute("data-more"));
      table.fcShown = rows.length;
      if (rest) { rows = rows.concat(Array.prototype.slice.call(rest.content.children)); }
      table.fcRows = rows;
    }
    return table.fcRows;
  }
  function showRows(table) {
    var frag = doc.createDocumentFragment();
    var rows = table.fcRows;
    for (var i = 0; i < rows.length && i < table.fcShown; i++) { frag.appendChild(rows[i]); }
    var body = table.tBodies[0];
    body.textContent = "";
    body.appendChild(frag);
  }
  doc.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("th button") : null;
    if (!button) { return; }
    var th = button.parentNode;
    var table = th.closest("table");
    var column = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.classList.contains("num");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var heads = th.parentNode.children;
    for (var h = 0; h < heads.length; h++) { heads[h].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var keys = tableRows(table).map(function (row, index) {
      var cell = row.cells[column];
      var raw = cell ? (cell.getAttribute("data-v") || cell.textContent.trim()) : "";
      return {row: row, key: numeric ? parseFloat(raw) || 0 : raw.toLowerCase(), index: index};
    });
    keys.sort(function (a, b) {
      var d = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return (ascending ? d : -d) || a.index - b.index;
    });
    table.fcRows = keys.map(function (k) { return k.row; });
    showRows(table);
  });
  doc.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-show-all]") : null;
    if (!button) { return; }
    var table = doc.getElementById(button.getAttribute("data-show-all"));
    table.fcShown = tableRows(table).length;
    showRows(table);
    button.hidden = true;
  });

  /* --- landing on an empty anchor: highlight the run it marks --- */
  var flashed = null;
  function flash() {
    if (flashed) { flashed.classList.remove("flash"); flashed = null; }
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && doc.getElementById(id);
    while (el && el.classList.contains("anc")) { el = el.nextElementSibling; }
    if (el && el.id !== id) { el.classList.add("flash"); flashed = el; }
  }
  window.addEventListener("hashchange", flash);
  if (location.hash) { flash(); }

  /* --- tooltip: the data-tip of the run under the pointer or with the focus --- */
  var tip = doc.getElementById("tip");
  var tipFor = null;
  function showTip(el) {
    if (!tip) { return; }
    tipFor = el;
    tip.textContent = el.getAttribute("data-tip");
    tip.hidden = false;
    var box = el.getClientRects()[0] || el.getBoundingClientRect();
    var width = tip.offsetWidth, height = tip.offsetHeight;
    var left = Math.max(4, Math.min(box.left, window.innerWidth - width - 4));
    var top = box.bottom + 6;
    if (top + height > window.innerHeight - 4) { top = Math.max(4, box.top - height - 6); }
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() { if (tip) { tip.hidden = true; tipFor = null; } }
  function tipTarget(node) { return node && node.closest ? node.closest("[data-tip]") : null; }
  doc.addEventListener("mouseover", function (event) {
    var el = tipTarget(event.target);
    if (el && el !== tipFor) { showTip(el); } else if (!el && tipFor && !tipFor.contains(doc.activeElement)) { hideTip(); }
  });
  doc.addEventListener("focusin", function (event) {
    var el = tipTarget(event.target);
    if (el) { showTip(el); } else { hideTip(); }
  });
  doc.addEventListener("focusout", function () { hideTip(); });
  doc.addEventListener("keydown", function (event) { if (event.key === "Escape") { hideTip(); } });
  window.addEventListener("scroll", function () { if (tipFor) { showTip(tipFor); } }, {passive: true});
})();
