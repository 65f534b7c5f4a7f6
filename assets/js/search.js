// Search for an area by postcode or name, from the site's static index:
// one small file per postcode outward code (search/postcodes/<OUTWARD>.json,
// postcode → its neighbourhood), and one file of places
// (search/places.json). Loaded on every page; it acts only where there is
// a search form. The search page itself lists the forces, the postcode
// districts and the A–Z, so no answer here is a dead end.

// A full postcode, with or without its space: the outward code and the
// inward code. "BL11RA" is BL1 1RA: the inward code is always a digit and
// two letters, so the outward code is what comes before them.
import { escape, html, localPlaces, raw } from "./text.js";

const FULL = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;
// An outward code alone ("BL1", "EC1A").
const OUTWARD = /^[A-Z]{1,2}\d[A-Z\d]?$/;
// The start of an inward code, after an outward code and a space ("BL1 1").
const PARTIAL_INWARD = /^\d[A-Z]?$/;

// enhanceSearch answers the search form on the page. root is the site's
// root, where the index is; home is the root of the page's language,
// where the pages it links to are (the index names English pages, and a
// Welsh page's are at the same paths under cy/).
export function enhanceSearch(root, home = root) {
  const results = document.getElementById("search-results");
  const input = document.getElementById("q");
  if (!results || !input) return;
  const base = new URL(root, location.href), pages = new URL(home, location.href);
  const q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    search(q, base, pages, results);
  }
  document.getElementById("search-form")?.addEventListener("submit", (e) => {
    e.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    search(input.value, base, pages, results);
  });
}

// postcodeQueries reads what a search could mean as a postcode, most
// specific first: each is {outward, code} for a full postcode, or
// {outward, prefix} for postcodes starting with prefix (an outward code,
// or one and the start of an inward code). Case, spaces and stray
// punctuation do not matter.
export function postcodeQueries(q) {
  const words = q.toUpperCase().replace(/[^A-Z0-9 ]+/g, "").trim().split(/\s+/).filter(Boolean);
  const compact = words.join("");
  const out = [];
  const full = compact.match(FULL);
  if (full) out.push({ outward: full[1], code: `${full[1]} ${full[2]}` });
  if (words.length === 2 && OUTWARD.test(words[0]) && PARTIAL_INWARD.test(words[1])) {
    out.push({ outward: words[0], prefix: `${words[0]} ${words[1]}` });
  }
  if (words.length === 1 && OUTWARD.test(compact)) {
    out.push({ outward: compact, prefix: `${compact} ` });
    // "BL11" may be district BL11, or BL1 and the start of an inward code.
    const m = compact.match(/^([A-Z]{1,2}\d[A-Z\d]?)(\d)$/);
    if (m) out.push({ outward: m[1], prefix: `${m[1]} ${m[2]}` });
  }
  return out;
}

// words is a name as a search compares it: lower case, accents, apostrophes
// and other punctuation gone, single spaces.
export function words(s) {
  return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/['’]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
}

// matchPlaces returns the places whose name has a word starting with the
// search ("bolt" finds "Bolton North"; "st hel" finds "St. Helens"), the
// closest first: the whole name, then its start, then a later word.
export function matchPlaces(places, q) {
  const needle = words(q);
  if (!needle) return [];
  const ranked = [];
  places.forEach((p, i) => {
    const name = words(p.name);
    let rank;
    if (name === needle) rank = 0;
    else if (name.startsWith(needle)) rank = 1;
    else if ((" " + name).includes(" " + needle)) rank = 2;
    else return;
    ranked.push({ p, rank, i });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
  return ranked.map((r) => r.p);
}

const shards = new Map();
let outwards = null;
async function shard(outward, base) {
  // The list of outward codes with a file, so that a postcode the site has
  // no figures for is answered without a failed request.
  outwards ??= fetch(new URL("search/postcodes.json", base)).then((r) => (r.ok ? r.json() : [])).then((l) => new Set(l)).catch(() => new Set());
  if (!(await outwards).has(outward)) return null;
  if (!shards.has(outward)) {
    shards.set(outward, fetch(new URL(`search/postcodes/${outward}.json`, base))
      .then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  return shards.get(outward);
}

// district lists the neighbourhoods of a shard's postcodes that start
// with prefix, each with how many of them it holds, most first.
function district(entries, prefix) {
  const by = new Map();
  for (const [code, a] of Object.entries(entries)) {
    if (!code.startsWith(prefix)) continue;
    const n = by.get(a.path) || { name: a.name, path: a.path, at: a.at, postcodes: 0 };
    n.postcodes++;
    by.set(a.path, n);
  }
  return [...by.values()].sort((a, b) => b.postcodes - a.postcodes || a.name.localeCompare(b.name) || (a.path < b.path ? -1 : 1));
}

// lookup finds what a search names, for the home page, the search page
// and the map's search box:
//   postcode:  {code, path, name, at} for a postcode in the index;
//   district:  {code, neighbourhoods: [{name, path, at, postcodes}]} for
//              an outward or partial postcode, or a full one the index
//              lacks whose district it has;
//   uncovered: the postcode, when the search is a postcode this site has
//              no figures for (outside the forces it covers);
//   places:    forces and neighbourhoods whose names match.
export async function lookup(q, base) {
  const found = { places: [] };
  const queries = postcodeQueries(q);
  for (const pq of queries) {
    const entries = await shard(pq.outward, base);
    if (!entries) continue;
    if (pq.code && entries[pq.code]) {
      found.postcode = { code: pq.code, ...entries[pq.code] };
      return found;
    }
    const prefix = pq.prefix || `${pq.outward} `;
    const ns = district(entries, prefix);
    if (ns.length) {
      found.district = { code: prefix.trim(), neighbourhoods: ns };
      break;
    }
  }
  if (!found.district && queries.length) {
    const first = queries[0];
    found.uncovered = first.code || first.prefix.trim();
  }
  const places = localPlaces(await (await fetch(new URL("search/places.json", base))).json());
  found.places = matchPlaces(places, q).slice(0, 50);
  return found;
}

// areaURL is an area's page; from a postcode it names the postcode, which
// the page marks on its map (the page is whole without it).
export function areaURL(path, base, postcode) {
  const u = new URL(path, base);
  if (postcode) u.searchParams.set("postcode", postcode);
  return u;
}

async function search(q, base, pages, results) {
  const text = q.trim();
  if (!text) {
    results.innerHTML = `<p class="govuk-body">${html("js.site.search.empty")}</p>`;
    return;
  }
  let found;
  try {
    found = await lookup(text, base);
  } catch {
    results.innerHTML = `<p class="govuk-body">${html("js.site.search.failed")}</p>`;
    return;
  }
  if (found.postcode) {
    location.assign(areaURL(found.postcode.path, pages, found.postcode.code));
    return;
  }
  const hits = found.places;
  if (!found.district && !found.uncovered && hits.length === 1) {
    location.assign(new URL(hits[0].path, pages));
    return;
  }
  const link = (p) => `<a class="govuk-link" href="${escape(new URL(p.path, pages).pathname)}">${escape(p.name)}</a>`;
  // The page's own lists, which every answer can fall back on.
  const lists = raw(`<a class="govuk-link" href="#browse">${html("js.site.search.lists-below")}</a>`);
  let out = "";
  if (found.district) {
    const d = found.district, ns = d.neighbourhoods;
    const lead = postcodeQueries(text)[0];
    const missing = lead?.code && lead.code !== d.code ? html("js.site.search.postcode-unknown", { code: lead.code }) + " " : "";
    out += `<h2 class="govuk-heading-m" id="search-district">${html("js.site.search.district-heading", { code: d.code })}</h2>` +
      `<p class="govuk-body">${missing}${html("js.site.search.district", { n: ns.length, code: d.code })}</p>` +
      `<ul class="govuk-list">` + ns.map((n) => `<li>${link(n)} <span class="govuk-body-s">${html("js.site.search.postcodes", { n: n.postcodes })}</span></li>`).join("") + "</ul>";
  } else if (found.uncovered) {
    out += `<h2 class="govuk-heading-m" id="search-uncovered">${html("js.site.search.uncovered-heading", { code: found.uncovered })}</h2>` +
      `<p class="govuk-body">${html("js.site.search.uncovered", { code: found.uncovered,
        forces: raw(`<a class="govuk-link" href="#covered-forces">${html("js.site.search.covered-forces")}</a>`), lists })}</p>`;
  }
  if (hits.length) {
    out += `<h2 class="govuk-heading-m">${html("js.site.search.matches", { n: hits.length, query: text })}</h2><ul class="govuk-list">` +
      hits.map((p) => `<li>${link(p)}${p.force ? ` <span class="govuk-body-s">${escape(p.force)}</span>` : ""}</li>`).join("") + "</ul>";
  } else if (!found.district && !found.uncovered) {
    out += `<p class="govuk-body">${html("js.site.search.no-match", { query: text, lists })}</p>`;
  }
  results.innerHTML = out;
}
