// Sortable tables: a table with class "cm-sortable" gets a button in each
// column header that has data-sort ("number" or "text"). The table is
// complete without JavaScript; sorting only reorders its rows.
//
// The rules, so a sort means what it says:
// - a cell without a figure (a dash, or an empty data-value) has no value
//   and sorts after every figure in both directions: a dash is not a low
//   number;
// - the first click on a number sorts highest first, as a reader of
//   counts expects; on text, A to Z; each click after turns it round;
// - the sorted column says its direction by aria-sort, by a visible arrow
//   and in a live region, in the page's language.
import { t } from "./text.js";

export function enhanceSortableTables(root) {
  for (const table of root.querySelectorAll("table.cm-sortable")) {
    const status = document.createElement("p");
    status.className = "govuk-visually-hidden";
    status.setAttribute("aria-live", "polite");
    table.after(status);
    const headers = [...table.querySelectorAll("thead th")];
    headers.forEach((th, col) => {
      const kind = th.dataset.sort;
      if (!kind) return;
      th.setAttribute("aria-sort", "none");
      const button = document.createElement("button");
      button.type = "button";
      const label = th.textContent.trim();
      button.textContent = label;
      const arrow = document.createElement("span");
      arrow.className = "cm-sort-arrow";
      arrow.setAttribute("aria-hidden", "true");
      button.append(arrow);
      th.textContent = "";
      th.append(button);
      button.addEventListener("click", () => {
        const now = th.getAttribute("aria-sort");
        const ascending = now === "none" ? kind !== "number" : now !== "ascending";
        for (const h of headers) {
          if (!h.dataset.sort) continue;
          h.setAttribute("aria-sort", "none");
          const a = h.querySelector(".cm-sort-arrow");
          if (a) a.textContent = "";
        }
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        arrow.textContent = ascending ? "▲" : "▼";
        sortRows(table, col, kind, ascending);
        const key = kind === "number"
          ? (ascending ? "js.site.sort.lowest-first" : "js.site.sort.highest-first")
          : (ascending ? "js.site.sort.a-to-z" : "js.site.sort.z-to-a");
        status.textContent = t(key, { column: label });
      });
    });
  }
}

// cellValue is a cell's sort value, or null for a cell without one.
function cellValue(row, col, kind) {
  const cell = row.children[col];
  if (!cell) return null;
  const raw = (cell.dataset.value ?? cell.textContent).trim();
  if (kind === "number") {
    const n = parseFloat(raw.replace(/,/g, ""));
    return Number.isNaN(n) ? null : n;
  }
  return raw.toLowerCase();
}

function sortRows(table, col, kind, ascending) {
  const body = table.tBodies[0];
  // Each row with its value and first position, so equal values keep
  // their order and the sort is the same every time.
  const rows = [...body.rows].map((row, i) => ({ row, i, v: cellValue(row, col, kind) }));
  rows.sort((a, b) => {
    if (a.v === null || b.v === null) return (a.v === null) - (b.v === null) || a.i - b.i;
    const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    return (ascending ? c : -c) || a.i - b.i;
  });
  body.append(...rows.map((r) => r.row));
}
