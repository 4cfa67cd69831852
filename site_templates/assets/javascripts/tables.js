// Sortable tables with tablesort, as the theme documents: re-applied on every page the theme shows.
(function () {
  function sortable() {
    document.querySelectorAll("article table:not([class])").forEach(function (table) {
      if (table.dataset.gcSortable) return;
      table.dataset.gcSortable = "1";
      var head = table.querySelector("thead tr");
      if (head) head.setAttribute("data-sort-method", "none");
      // Cells that say how they sort (verdicts, certainty levels) sort by rank, not alphabetically.
      table.querySelectorAll("td [data-sort-value]").forEach(function (el) {
        el.closest("td").setAttribute("data-sort", el.getAttribute("data-sort-value"));
      });
      new Tablesort(table);
      // Wide tables become labelled cards on phones (see gluteclaims.css).
      var labels = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      if (labels.length >= 4) {
        table.classList.add("gc-cards");
        table.querySelectorAll("tbody tr").forEach(function (row) {
          Array.prototype.forEach.call(row.children, function (cell, i) { cell.setAttribute("data-label", labels[i] || ""); });
        });
      }
      // Say what a click on a heading does, for screen readers and keyboards.
      table.querySelectorAll("thead th").forEach(function (th) {
        th.setAttribute("tabindex", "0");
        th.setAttribute("title", "Sort by " + th.textContent.trim());
        th.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); th.click(); }
        });
      });
    });
  }
  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(sortable);
  else document.addEventListener("DOMContentLoaded", sortable);
})();
