// What happened at a snap point: the archive's "crimes" property lists
// category|outcome|count items joined by ";", with slugs and codes the
// archive's metadata names.

export function parseCrimes(s) {
  if (!s) return [];
  return s.split(";").map((item) => {
    const [category, outcome, count] = item.split("|");
    return { category, outcome, count: Number(count) };
  });
}

function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export function renderPopup(location, crimes, names) {
  const items = crimes.map((c) => {
    const cat = names.categories[c.category] || c.category;
    const out = c.outcome ? names.outcomes[c.outcome] || c.outcome : "No outcome (anti-social behaviour)";
    return `<li>${c.count > 1 ? `${c.count} × ` : ""}${escape(cat)}: ${escape(out)}</li>`;
  }).join("");
  const total = crimes.reduce((a, c) => a + c.count, 0);
  return `<h2 class="govuk-heading-m">${escape(location || "Unnamed place")}</h2>` +
    `<p class="govuk-body">${total} ${total === 1 ? "crime" : "crimes"} this month:</p><ul class="govuk-list govuk-list--bullet" id="map-popup-list">${items}</ul>`;
}
