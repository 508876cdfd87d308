"use strict";
(function () {
  // Sort a summary table by the column whose header button was pressed.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th button").forEach(function (button, column) {
      button.addEventListener("click", function () {
        var th = button.parentElement;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = button.dataset.sort === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
          var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  // Show only the findings the filters let through.
  var form = document.getElementById("filters");
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  function applyFilters() {
    var want = {};
    ["rule", "kind", "severity", "file"].forEach(function (name) { want[name] = form.elements[name].value; });
    var shown = 0;
    findings.forEach(function (li) {
      var ok = ["rule", "kind", "severity", "file"].every(function (name) {
        return !want[name] || li.dataset[name] === want[name];
      });
      li.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("section.file").forEach(function (section) {
      section.hidden = !!want.file && section.dataset.file !== want.file;
    });
    document.getElementById("shown").textContent = shown + " / " + findings.length;
  }
  if (form) {
    form.addEventListener("change", applyFilters);
    applyFilters();
  }

  // Selecting a finding marks its cell and the cells it sums.
  function select(li) {
    document.querySelectorAll(".selected, .term").forEach(function (el) { el.classList.remove("selected", "term"); });
    document.querySelectorAll("button.select[aria-pressed=true]").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    if (!li) { return; }
    li.classList.add("selected");
    li.querySelector("button.select").setAttribute("aria-pressed", "true");
    var cell = li.dataset.cell && document.getElementById(li.dataset.cell);
    if (cell) { cell.classList.add("selected"); }
    (li.dataset.terms || "").split(" ").forEach(function (id) {
      var term = id && document.getElementById(id);
      if (term) { term.classList.add("term"); }
    });
  }
  findings.forEach(function (li) {
    li.querySelector("button.select").addEventListener("click", function () {
      select(li);
      if (history.replaceState) { history.replaceState(null, "", "#" + li.id); }
      var cell = li.dataset.cell && document.getElementById(li.dataset.cell);
      if (cell) { cell.scrollIntoView({ block: "nearest" }); }
    });
  });
  // A cell with findings selects its first one (click, Enter or space).
  document.querySelectorAll(".cell[data-findings]").forEach(function (cell) {
    function go(event) {
      if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") { return; }
      event.preventDefault();
      var li = document.getElementById(cell.dataset.findings.split(" ")[0]);
      if (li) {
        select(li);
        li.querySelector("button.select").focus();
      }
    }
    cell.addEventListener("click", go);
    cell.addEventListener("keydown", go);
  });
  // A link to a finding opens with it selected: report.html#f0-d2 scrolls to it,
  // report.html#select=f0-d2 leaves the page at its top.
  var hash = location.hash.slice(1);
  var target = hash && document.getElementById(hash.indexOf("select=") === 0 ? hash.slice(7) : hash);
  if (target && target.classList.contains("finding")) { select(target); }
  // How long the page took to be ready, for tests and the curious.
  document.documentElement.setAttribute("data-ready-ms", String(Math.round(performance.now())));
})();
