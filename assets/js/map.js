// The crime map: MapLibre GL JS over our PMTiles archives, read by HTTP
// Range requests through the pmtiles protocol, on a street basemap from
// the site's own files. The map fills the window; its controls are in a
// side panel, or on a phone in a "Filters" sheet over the map. The form
// holds the state (month, categories, layers) and the URL's hash holds it
// too, with the view, so a view can be shared. Everything the map shows is
// also written out as text after it: a table of the crimes in view by
// category, and the places in view as buttons that open what happened
// there or zoom in to them, for keyboard and screen reader users.
import * as maplibregl from "maplibre-gl";
import { PMTiles, Protocol } from "pmtiles";
import "../css/map.css";
import { OGL, baseStyle, crimeLayers, catchmentLayers, gapLayers } from "./map-style.js";
import { addImages } from "./map-images.js";
import { readHash, writeHash } from "./map-state.js";
import { Details, parseCrimes, renderPopup } from "./map-popup.js";
import { escape, plural } from "./text.js";
import { enableDrawing } from "./map-draw.js";
import { areaURL, lookup } from "./search.js";

// The highest zoom of the crime archives: there each feature is one snap
// point; below it, a cluster.
const POINT_ZOOM = 14;

const el = document.getElementById("map");
if (el) start(el);

async function start(el) {
  const root = new URL(el.dataset.root || "./", location.href);
  maplibregl.setWorkerUrl(new URL(el.dataset.worker, location.href).href);
  const protocol = new Protocol();
  maplibregl.addProtocol("pmtiles", protocol.tile);
  // One reader per archive, shared with the map's protocol, so that a
  // header or directory is fetched once whoever asks for it.
  const archives = new Map();
  const archive = (url) => {
    if (!archives.has(url)) {
      const p = new PMTiles(url);
      protocol.add(p);
      archives.set(url, p);
    }
    return archives.get(url);
  };

  const app = document.getElementById("map-app");
  const form = document.getElementById("map-controls");
  const month = document.getElementById("map-month");
  const status = document.getElementById("map-status");
  const state = readHash(location.hash);
  if (state.month && [...month.options].some((o) => o.value === state.month)) month.value = state.month;
  if (state.categories) {
    for (const box of form.querySelectorAll('input[name="category"]')) box.checked = state.categories.includes(box.value);
  }
  if (state.layers) {
    for (const box of form.querySelectorAll('input[name="layer"]')) box.checked = state.layers.includes(box.value);
  }
  fitToWindow(app);
  const phone = matchMedia("(max-width: 40.0525em)");
  const sheet = setUpSheet(app);

  const archiveURL = () => new URL(month.selectedOptions[0].dataset.url, root).href;
  const monthName = () => month.selectedOptions[0].dataset.name;
  const gaps = () => JSON.parse(month.selectedOptions[0].dataset.gaps || "[]");
  const at = (name) => (el.dataset[name] ? new URL(el.dataset[name], root).href : "");
  const boundaries = at("boundaries"), catchments = at("catchments"), basemap = at("basemap");
  const catchmentStatus = document.getElementById("layer-catchments-status");
  let names = { categories: {}, outcomes: {} };
  const loadNames = async () => {
    const meta = await archive(archiveURL()).getMetadata();
    names = { categories: meta.categories || {}, outcomes: meta.outcomes || {} };
  };
  await loadNames();

  // A configured style, when the build names one, gets our layers on top;
  // otherwise the site's own basemap, or the boundaries alone.
  let style = baseStyle({ basemap, boundaries });
  if (el.dataset.style) {
    try {
      style = await (await fetch(el.dataset.style)).json();
    } catch {
      status.textContent = "The basemap could not be loaded; showing boundaries only.";
    }
  }
  const credits = [OGL];
  if (basemap) credits.push(escape(el.dataset.basemapAttribution || "© OpenStreetMap contributors"));
  // A shared view opens as it was shared; otherwise the map opens on the
  // month's crimes, all of them in view.
  const view = state.center ? { center: state.center, zoom: state.zoom ?? 12 } : await extent(archive(archiveURL()));
  const map = new maplibregl.Map({
    container: el,
    style,
    ...view,
    maxZoom: 18,
    // On a touch screen one finger scrolls the page and two move the map,
    // so the map never traps the page.
    cooperativeGestures: matchMedia("(pointer: coarse)").matches,
    attributionControl: { compact: phone.matches, customAttribution: credits },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  window.crimemap = { map }; // for the browser tests
  const details = new Details(map, document.getElementById("map-popup"), phone);

  const selected = () => [...form.querySelectorAll('input[name="category"]:checked')].map((b) => b.value);
  const layerOn = (name) => !!form.querySelector(`input[name="layer"][value="${name}"]`)?.checked;
  const summary = document.getElementById("map-categories-summary");
  const summarise = () => {
    const n = selected().length, all = form.querySelectorAll('input[name="category"]').length;
    summary.textContent = n === all ? `all ${all}` : n === 0 ? "none" : `${n} of ${all}`;
  };

  const apply = () => {
    for (const id of ["crimes-hit", "crimes-badges", "stops", "gaps-fill", "gaps-label"]) {
      if (map.getLayer(id)) map.removeLayer(id);
    }
    if (map.getSource("crimes")) map.removeSource("crimes");
    map.addSource("crimes", { type: "vector", url: "pmtiles://" + archiveURL() });
    const [gapFill, gapLabel] = gapLayers(gaps());
    if (boundaries) map.addLayer(gapFill);
    for (const l of crimeLayers(selected(), { stops: layerOn("stops"), transport: layerOn("transport") })) map.addLayer(l);
    if (boundaries) map.addLayer(gapLabel);
    for (const id of ["boundaries-land", "boundaries-line", "force-line"]) {
      if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", layerOn("boundaries") ? "visible" : "none");
    }
    for (const id of ["catchments-fill", "catchments-line"]) {
      if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", layerOn("catchments") ? "visible" : "none");
    }
    summarise();
  };
  let drawn = state.drawn || "";
  let drawing = null;
  const save = () => {
    const c = map.getCenter();
    history.replaceState(null, "", writeHash({ month: month.value, categories: selected(),
      layers: [...form.querySelectorAll('input[name="layer"]:checked')].map((b) => b.value),
      center: [c.lng, c.lat], zoom: map.getZoom(), drawn }));
  };

  map.on("load", () => {
    addImages(map);
    // A configured style (--map-style) has no source of ours: the
    // boundaries, which the hatching of unpublished months draws on, are
    // added to it.
    if (boundaries && !map.getSource("boundaries")) map.addSource("boundaries", { type: "vector", url: "pmtiles://" + boundaries });
    // Added once, before the layers apply adds on each change, so the
    // areas stay under the badges.
    if (catchments) {
      map.addSource("catchments", { type: "vector", url: "pmtiles://" + catchments });
      for (const l of catchmentLayers(layerOn("catchments"))) map.addLayer(l);
    }
    apply();
    drawing = enableDrawing(map, { initial: drawn, archive: () => archive(archiveURL()), categories: selected, transport: () => layerOn("transport"),
      names: () => names, changed: (d) => { drawn = d; save(); } });
  });
  const places = fetch(new URL("search/places.json", root)).then((r) => (r.ok ? r.json() : [])).catch(() => []);
  const points = document.getElementById("map-points");
  let refocusList = false;
  const zoomTo = (f) => {
    const [lng, lat] = f.geometry.coordinates;
    map.easeTo({ center: [lng, lat], zoom: Math.min(map.getZoom() + 2, POINT_ZOOM) });
  };
  const openPlace = (f, returnTo) => {
    const p = f.properties;
    details.open(f.geometry.coordinates, renderPopup(p.location, parseCrimes(p.crimes), names, monthName()), returnTo);
  };
  map.on("idle", async () => {
    const fs = features(map);
    describe(fs, selected(), layerOn("transport"), names, monthName(), gaps(), status);
    listPoints(fs, layerOn("transport"), points, (f, button) => {
      if (f.properties.crimes) {
        openPlace(f, button);
      } else {
        refocusList = true;
        zoomTo(f);
      }
    });
    if (refocusList) {
      refocusList = false;
      points.querySelector("button")?.focus();
    }
    nearestArea(map, await places, root);
  });
  map.on("moveend", save);
  form.addEventListener("change", async (e) => {
    if (e.target === month) await loadNames();
    if (e.target.id === "layer-catchments" && catchmentStatus) {
      catchmentStatus.textContent = e.target.checked ? "Showing the area each dot stands for" : "Hidden: the area each dot stands for";
    }
    details.close(false);
    apply();
    save();
    drawing?.refresh();
    status.textContent = "Updating the map…";
  });
  for (const [id, on] of [["cat-all", true], ["cat-none", false]]) {
    document.getElementById(id).addEventListener("click", () => {
      for (const box of form.querySelectorAll('input[name="category"]')) box.checked = on;
      form.dispatchEvent(new Event("change"));
    });
  }
  form.addEventListener("submit", (e) => e.preventDefault());
  // A snap point opens its crimes; a cluster zooms in towards its places.
  map.on("click", "crimes-badges", (e) => {
    const f = e.features?.[0];
    if (!f) return;
    if (f.properties.crimes) openPlace(f, map.getCanvas());
    else zoomTo(f);
  });
  map.on("mouseenter", "crimes-badges", () => { map.getCanvas().style.cursor = "pointer"; });
  map.on("mouseleave", "crimes-badges", () => { map.getCanvas().style.cursor = ""; });
  setUpSearch(map, root, sheet);
  save();
}

// extent is the view that fits the archive's crimes.
async function extent(archive) {
  try {
    const h = await archive.getHeader();
    return { bounds: [[h.minLon, h.minLat], [h.maxLon, h.maxLat]], fitBoundsOptions: { padding: 30 } };
  } catch {
    return { center: [-2.5, 53.6], zoom: 5.3 };
  }
}

// fitToWindow sizes the map to the window below the page's header, which
// is the one height CSS cannot know.
function fitToWindow(app) {
  const fit = () => app.style.setProperty("--cm-map-top", `${Math.round(app.getBoundingClientRect().top + scrollY)}px`);
  fit();
  addEventListener("resize", fit);
}

// setUpSheet makes the panel a sheet over the map on narrow screens,
// opened by the "Filters" button and closed by its own button or Escape,
// focus going back to the button.
function setUpSheet(app) {
  const button = document.getElementById("map-filters");
  const close = document.getElementById("map-panel-close");
  const heading = document.getElementById("map-panel-heading");
  heading.tabIndex = -1;
  const set = (open) => {
    app.classList.toggle("cm-mapapp--open", open);
    button.setAttribute("aria-expanded", String(open));
    if (open) heading.focus();
  };
  button.addEventListener("click", () => set(!app.classList.contains("cm-mapapp--open")));
  close.addEventListener("click", () => { set(false); button.focus(); });
  app.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && app.classList.contains("cm-mapapp--open") && getComputedStyle(button).display !== "none") {
      set(false);
      button.focus();
    }
  });
  return { close: () => set(false), isSheet: () => getComputedStyle(button).display !== "none" };
}

// setUpSearch moves the map to a postcode, marked, or to a place.
function setUpSearch(map, root, sheet) {
  const form = document.getElementById("map-search");
  const input = document.getElementById("map-q");
  const result = document.getElementById("map-search-result");
  let marker = null;
  const go = (at, zoom) => {
    if (sheet.isSheet()) sheet.close();
    map.jumpTo({ center: at, zoom });
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    result.textContent = "Searching…";
    let found;
    try {
      found = await lookup(q, root);
    } catch {
      result.textContent = "The search could not be loaded. Try again.";
      return;
    }
    marker?.remove();
    if (found.postcode) {
      const p = found.postcode;
      const m = document.createElement("div");
      m.className = "cm-postcode-marker";
      m.setAttribute("role", "img");
      m.setAttribute("aria-label", `Postcode ${p.code}`);
      m.textContent = p.code;
      marker = new maplibregl.Marker({ element: m, anchor: "bottom" }).setLngLat(p.at).addTo(map);
      result.innerHTML = `${escape(p.code)} is marked on the map, in <a class="govuk-link" href="${escape(areaURL(p.path, root, p.code).href)}">${escape(p.name)}</a>.`;
      go(p.at, 14.5);
      return;
    }
    if (found.district) {
      // An outward or partial postcode: its neighbourhoods, each a button
      // that shows it and a link to its page.
      const ns = found.district.neighbourhoods;
      result.innerHTML = `Postcodes starting ${escape(found.district.code)} are in ${plural(ns.length, "neighbourhood", "neighbourhoods")}:<ul class="govuk-list cm-map-points">` +
        ns.slice(0, 10).map((n, i) => `<li><button type="button" data-i="${i}">${escape(n.name)}</button> (<a class="govuk-link" href="${escape(new URL(n.path, root).pathname)}">figures</a>)</li>`).join("") + "</ul>";
      for (const b of result.querySelectorAll("button")) {
        b.addEventListener("click", () => go(ns[Number(b.dataset.i)].at, 14));
      }
      return;
    }
    const hits = found.places;
    if (found.uncovered && !hits.length) {
      result.innerHTML = `This site has no figures for ${escape(found.uncovered)}: it is outside the police forces the site covers. ` +
        `<a class="govuk-link" href="${escape(new URL("search/", root).pathname)}#covered-forces">See which forces it covers</a>, and other ways to find your area.`;
      return;
    }
    const exact = hits.find((p) => p.name.toLowerCase() === q.toLowerCase());
    if (exact || hits.length === 1) {
      const p = exact || hits[0];
      result.innerHTML = `Showing <a class="govuk-link" href="${new URL(p.path, root).pathname}">${escape(p.name)}</a>.`;
      go(p.at, p.zoom);
      return;
    }
    if (!hits.length) {
      result.textContent = `Nothing matches “${q}”. Try a full postcode, or a town or neighbourhood.`;
      return;
    }
    result.innerHTML = `${hits.length} places match:<ul class="govuk-list cm-map-points">` +
      hits.slice(0, 10).map((p, i) => `<li><button type="button" data-i="${i}">${escape(p.name)}${p.force ? `, ${escape(p.force)}` : ""}</button></li>`).join("") + "</ul>";
    for (const b of result.querySelectorAll("button")) {
      b.addEventListener("click", () => go(hits[Number(b.dataset.i)].at, hits[Number(b.dataset.i)].zoom));
    }
  });
}

// features returns the distinct crime features in view, once each even
// where tiles repeat them near their edges, from the layer that draws
// every one of them (the badges hide those that would overlap).
function features(map) {
  const seen = new Map();
  if (!map.getLayer("crimes-hit")) return [];
  for (const f of map.queryRenderedFeatures({ layers: ["crimes-hit"] })) {
    if (!seen.has(f.id)) seen.set(f.id, f);
  }
  return [...seen.values()];
}

// countOf is a feature's crimes of the categories cats, with or without
// British Transport Police's.
function countOf(p, c, transport) {
  return Number(p[c] || 0) - (transport ? 0 : Number(p["btp." + c] || 0));
}

// describe writes the table of crimes in view by category: the map's text
// alternative, with the same numbers as the badges.
function describe(fs, cats, transport, names, month, gaps, status) {
  const totals = Object.fromEntries(cats.map((c) => [c, 0]));
  for (const f of fs) for (const c of cats) totals[c] += countOf(f.properties, c, transport);
  const total = Object.values(totals).reduce((a, b) => a + b, 0);
  const rows = cats.map((c) => `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${escape(names.categories[c] || c)}</th><td class="govuk-table__cell govuk-table__cell--numeric" data-category="${c}">${totals[c].toLocaleString("en-GB")}</td></tr>`).join("");
  const option = document.getElementById("map-month").selectedOptions[0];
  // The month's crimes with no location are in the pages' totals but on no
  // map: say how many beside the total in view.
  document.getElementById("map-unmapped").textContent = option.dataset.unmapped || "";
  const without = transport ? "" : " British Transport Police's crimes are left out.";
  document.getElementById("map-table").innerHTML =
    `<table class="govuk-table" id="map-counts"><caption class="govuk-table__caption govuk-table__caption--m">Crimes in view, ${escape(month)}</caption>` +
    `<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Category</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Crimes</th></tr></thead>` +
    `<tbody class="govuk-table__body">${rows}</tbody><tfoot><tr class="govuk-table__row"><th scope="row" class="govuk-table__header">All</th><td class="govuk-table__cell govuk-table__cell--numeric" id="map-total">${total.toLocaleString("en-GB")}</td></tr></tfoot></table>`;
  status.textContent = `${plural(total, "crime", "crimes")} in view in ${month}.${without}` + gaps.map((g) => ` ${g.text}.`).join("");
}

// listPoints lists the places in view with most crimes as buttons, the
// keyboard's way to the dots at every zoom: a snap point opens its crimes,
// a cluster zooms in to it.
function listPoints(fs, transport, list, act) {
  const count = (f) => {
    let n = Number(f.properties.n);
    if (!transport) n -= Number(f.properties.btp || 0);
    return n;
  };
  const top = fs.filter((f) => count(f) > 0).sort((a, b) => count(b) - count(a) || a.id - b.id).slice(0, 20);
  // The same places keep their buttons, so that focus on one stays put
  // when the map moves under it (a popup pans the map to fit).
  const key = top.map((f) => `${f.id}:${count(f)}:${!!f.properties.crimes}`).join(",");
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.className = "govuk-list cm-map-points";
  list.innerHTML = "";
  if (!top.length) {
    list.innerHTML = `<li>No crimes of the selected types in view.</li>`;
    return;
  }
  for (const f of top) {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    const p = f.properties;
    b.textContent = p.crimes
      ? `${p.location || "Unnamed place"}: ${plural(count(f), "crime", "crimes")}`
      : `${plural(count(f), "crime", "crimes")} around ${(p.near || "an unnamed place").replace(/^On or near /, "")}: zoom in`;
    b.addEventListener("click", () => act(f, b));
    li.append(b);
    list.append(li);
  }
}

// nearestArea links the area page of the neighbourhood nearest the middle
// of the map, so every view leads to the page with its figures.
function nearestArea(map, places, root) {
  const el = document.getElementById("map-area");
  const c = map.getCenter();
  let best = null, bestD = Infinity;
  for (const p of places) {
    // Never a transport force's area: a railway is not a neighbourhood.
    if (p.kind !== "neighbourhood" || p.transport) continue;
    const dx = (p.at[0] - c.lng) * Math.cos((c.lat * Math.PI) / 180), dy = p.at[1] - c.lat;
    const d = dx * dx + dy * dy;
    if (d < bestD) { best = p; bestD = d; }
  }
  el.innerHTML = best
    ? `The neighbourhood nearest the middle of the map: <a class="govuk-link" href="${new URL(best.path, root).pathname}">${escape(best.name)}</a> (${escape(best.force)}).`
    : "";
}
