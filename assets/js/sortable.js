// Sortable tables: a table with class "cm-sortable" gets a button in each
// column header that has data-sort ("number" or "text"). The table is
// complete without JavaScript; sorting only reorders its rows. The sort
// state is announced through aria-sort on the header and a live region.

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
      button.textContent = th.textContent.trim();
      th.textContent = "";
      th.append(button);
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach((h) => h.dataset.sort && h.setAttribute("aria-sort", "none"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        sortRows(table, col, kind, ascending);
        status.textContent = `Sorted by ${button.textContent}, ${ascending ? "ascending" : "descending"}`;
      });
    });
  }
}

function cellValue(row, col, kind) {
  const cell = row.children[col];
  const raw = cell?.dataset.value ?? cell?.textContent.trim() ?? "";
  if (kind === "number") {
    const n = parseFloat(raw.replace(/,/g, ""));
    return Number.isNaN(n) ? -Infinity : n;
  }
  return raw.toLowerCase();
}

function sortRows(table, col, kind, ascending) {
  const body = table.tBodies[0];
  const rows = [...body.rows];
  rows.sort((a, b) => {
    const x = cellValue(a, col, kind);
    const y = cellValue(b, col, kind);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return ascending ? c : -c;
  });
  body.append(...rows);
}
