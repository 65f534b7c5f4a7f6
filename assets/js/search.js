// Search for an area by postcode or name, from the site's static index:
// one small file per postcode outward code, and one file of places. Loaded
// on every page; it acts only where there is a search form.
const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})?$/;

export function enhanceSearch(root) {
  const results = document.getElementById("search-results");
  const input = document.getElementById("q");
  if (!results || !input) return;
  const base = new URL(root, location.href);
  const q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    search(q, base, results);
  }
  document.getElementById("search-form")?.addEventListener("submit", (e) => {
    e.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    search(input.value, base, results);
  });
}

// lookup finds what a search names: a postcode, with the neighbourhood it
// is in and where it is, or the places whose names match. The map's
// search box uses it too.
export async function lookup(q, base) {
  const text = q.trim();
  const pc = text.toUpperCase().replace(/\s+/g, " ").match(POSTCODE);
  if (pc) {
    const outward = pc[1];
    const code = pc[2] ? `${outward} ${pc[2]}` : outward;
    try {
      const r = await fetch(new URL(`search/postcodes/${outward}.json`, base));
      if (r.ok) {
        const shard = await r.json();
        if (shard[code]) return { postcode: { code, ...shard[code] }, places: [] };
      }
    } catch { /* fall through to places */ }
  }
  const places = await (await fetch(new URL("search/places.json", base))).json();
  const needle = text.toLowerCase();
  return { places: places.filter((p) => p.name.toLowerCase().includes(needle)).slice(0, 50) };
}

async function search(q, base, results) {
  const text = q.trim();
  const found = await lookup(text, base);
  if (found.postcode) {
    location.assign(new URL(found.postcode.path, base));
    return;
  }
  const hits = found.places;
  if (hits.length === 1) {
    location.assign(new URL(hits[0].path, base));
    return;
  }
  results.innerHTML = hits.length
    ? `<h2 class="govuk-heading-m">${hits.length} places match</h2><ul class="govuk-list">` +
      hits.map((p) => `<li><a class="govuk-link" href="${new URL(p.path, base).pathname}">${escape(p.name)}</a>${p.force ? ` <span class="govuk-body-s">${escape(p.force)}</span>` : ""}</li>`).join("") + "</ul>"
    : `<p class="govuk-body">Nothing matches “${escape(text)}”. Check the spelling, or browse the lists below.</p>`;
}

function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
