// The crime map: MapLibre GL JS over our PMTiles archives, read by HTTP
// Range requests through the pmtiles protocol, on a street basemap from
// the site's own files. The map fills the window; its controls are in a
// side panel, or on a phone in a "Filters" sheet over the map. The form
// holds the state (month, categories, layers) and the URL's hash holds it
// too, with the view, so a view can be shared. Everything the map shows is
// also written out as text after it: a table of the crimes in view by
// category, and the places in view as buttons that open what happened
// there or zoom in to them, for keyboard and screen reader users. Every
// word is the page's (text.js): its messages and the data's names, in the
// page's language.
import * as maplibregl from "maplibre-gl";
import { PMTiles, Protocol } from "pmtiles";
import "../css/map.css";
import { baseStyle, crimeLayers, catchmentLayers, gapLayers } from "./map-style.js";
import { addImages } from "./map-images.js";
import { readHash, writeHash } from "./map-state.js";
import { Details, parseCrimes, renderPopup } from "./map-popup.js";
import { escape, home as homeOf, html, lang, localPlaces, number, raw, t } from "./text.js";
import { enableDrawing } from "./map-draw.js";
import { areaURL, lookup } from "./search.js";

// The highest zoom of the crime archives: there each feature is one snap
// point; below it, a cluster.
const POINT_ZOOM = 14;

const el = document.getElementById("map");
if (el) start(el);

async function start(el) {
  // Data files are once for the site, at its root; pages are under the
  // language's home (the root, or cy/ for Welsh).
  const root = new URL(el.dataset.root || "./", location.href);
  const home = new URL(homeOf(el.dataset.root || "./", el.dataset.home), location.href);
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
  // The names of categories and outcomes, by the slugs and codes the
  // archives use, in the page's language (the archives' own are English).
  const names = readNames(el);

  // A configured style, when the build names one, gets our layers on top;
  // otherwise the site's own basemap, or the boundaries alone.
  let style = baseStyle({ basemap, boundaries, lang: lang() });
  if (el.dataset.style) {
    try {
      style = await (await fetch(el.dataset.style)).json();
    } catch {
      status.textContent = t("js.map.basemap-failed");
    }
  }
  const credits = [escape(t("js.map.credit-ogl"))];
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
    // MapLibre's own words, on its buttons and over the map, in the
    // page's language too.
    locale: {
      "AttributionControl.ToggleAttribution": t("js.map.ui.toggle-attribution"),
      "Map.Title": t("js.map.ui.map"),
      "Marker.Title": t("js.map.ui.marker"),
      "NavigationControl.ZoomIn": t("js.map.ui.zoom-in"),
      "NavigationControl.ZoomOut": t("js.map.ui.zoom-out"),
      "CooperativeGesturesHandler.WindowsHelpText": t("js.map.ui.ctrl-scroll"),
      "CooperativeGesturesHandler.MacHelpText": t("js.map.ui.cmd-scroll"),
      "CooperativeGesturesHandler.MobileHelpText": t("js.map.ui.two-fingers"),
    },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  window.crimemap = { map }; // for the browser tests
  const details = new Details(map, document.getElementById("map-popup"), phone);

  const selected = () => [...form.querySelectorAll('input[name="category"]:checked')].map((b) => b.value);
  const layerOn = (name) => !!form.querySelector(`input[name="layer"][value="${name}"]`)?.checked;
  const summary = document.getElementById("map-categories-summary");
  const summarise = () => {
    const n = selected().length, all = form.querySelectorAll('input[name="category"]').length;
    summary.textContent = n === all ? t("js.map.categories.all", { n: all })
      : n === 0 ? t("js.map.categories.none") : t("js.map.categories.some", { selected: n, n: all });
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
  const places = fetch(new URL("search/places.json", root)).then((r) => (r.ok ? r.json() : [])).then(localPlaces).catch(() => []);
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
    nearestArea(map, await places, home);
  });
  map.on("moveend", save);
  form.addEventListener("change", (e) => {
    if (e.target.id === "layer-catchments" && catchmentStatus) {
      catchmentStatus.textContent = t(e.target.checked ? "js.map.catchments.shown" : "js.map.catchments.hidden");
    }
    details.close(false);
    apply();
    save();
    drawing?.refresh();
    status.textContent = t("js.map.updating");
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
  setUpSearch(map, root, home, sheet);
  save();
}

// readNames reads the page's names of categories and outcomes (data-names:
// {"categories": {slug: name}, "outcomes": {code: name}}).
function readNames(el) {
  let n = {};
  try {
    n = JSON.parse(el.dataset.names || "{}");
  } catch {
    console.warn("data-names is not JSON");
  }
  return { categories: n.categories || {}, outcomes: n.outcomes || {} };
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

// setUpSearch moves the map to a postcode, marked, or to a place. The
// index is at root; the pages it names are under home.
function setUpSearch(map, root, home, sheet) {
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
    result.textContent = t("js.map.search.searching");
    let found;
    try {
      found = await lookup(q, root);
    } catch {
      result.textContent = t("js.map.search.failed");
      return;
    }
    marker?.remove();
    if (found.postcode) {
      const p = found.postcode;
      const m = document.createElement("div");
      m.className = "cm-postcode-marker";
      m.setAttribute("role", "img");
      m.setAttribute("aria-label", t("js.map.search.postcode-marker", { code: p.code }));
      m.textContent = p.code;
      marker = new maplibregl.Marker({ element: m, anchor: "bottom" }).setLngLat(p.at).addTo(map);
      result.innerHTML = html("js.map.search.postcode", { code: p.code,
        area: raw(`<a class="govuk-link" href="${escape(areaURL(p.path, home, p.code).href)}">${escape(p.name)}</a>`) });
      go(p.at, 14.5);
      return;
    }
    if (found.district) {
      // An outward or partial postcode: its neighbourhoods, each a button
      // that shows it and a link to its page.
      const ns = found.district.neighbourhoods;
      result.innerHTML = html("js.map.search.district", { code: found.district.code, n: ns.length }) + `<ul class="govuk-list cm-map-points">` +
        ns.slice(0, 10).map((n, i) => `<li>${html("js.map.search.district-item", {
          place: raw(`<button type="button" data-i="${i}">${escape(n.name)}</button>`),
          figures: raw(`<a class="govuk-link" href="${escape(new URL(n.path, home).pathname)}">${html("js.map.search.figures")}</a>`) })}</li>`).join("") + "</ul>";
      for (const b of result.querySelectorAll("button")) {
        b.addEventListener("click", () => go(ns[Number(b.dataset.i)].at, 14));
      }
      return;
    }
    const hits = found.places;
    if (found.uncovered && !hits.length) {
      result.innerHTML = html("js.map.search.uncovered", { code: found.uncovered,
        link: raw(`<a class="govuk-link" href="${escape(new URL("search/", home).pathname)}#covered-forces">${html("js.map.search.covered-forces")}</a>`) });
      return;
    }
    const exact = hits.find((p) => p.name.toLowerCase() === q.toLowerCase());
    if (exact || hits.length === 1) {
      const p = exact || hits[0];
      result.innerHTML = html("js.map.search.showing", { place: raw(`<a class="govuk-link" href="${escape(new URL(p.path, home).pathname)}">${escape(p.name)}</a>`) });
      go(p.at, p.zoom);
      return;
    }
    if (!hits.length) {
      result.textContent = t("js.map.search.no-match", { query: q });
      return;
    }
    result.innerHTML = html("js.map.search.places", { n: hits.length }) + `<ul class="govuk-list cm-map-points">` +
      hits.slice(0, 10).map((p, i) => `<li><button type="button" data-i="${i}">${p.force ? html("js.map.search.place-in-force", { place: p.name, force: p.force }) : escape(p.name)}</button></li>`).join("") + "</ul>";
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
  const rows = cats.map((c) => `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${escape(names.categories[c] || c)}</th><td class="govuk-table__cell govuk-table__cell--numeric" data-category="${escape(c)}">${number(totals[c])}</td></tr>`).join("");
  const option = document.getElementById("map-month").selectedOptions[0];
  // The month's crimes with no location are in the pages' totals but on no
  // map: say how many beside the total in view.
  document.getElementById("map-unmapped").textContent = option.dataset.unmapped || "";
  document.getElementById("map-table").innerHTML =
    `<table class="govuk-table" id="map-counts"><caption class="govuk-table__caption govuk-table__caption--m">${html("js.map.table.caption", { month })}</caption>` +
    `<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">${html("js.map.table.category")}</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">${html("js.map.table.crimes")}</th></tr></thead>` +
    `<tbody class="govuk-table__body">${rows}</tbody><tfoot><tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${html("js.map.table.all")}</th><td class="govuk-table__cell govuk-table__cell--numeric" id="map-total">${number(total)}</td></tr></tfoot></table>`;
  // One sentence each: the count, whether the railways' crimes are left
  // out, and each force the month is incomplete for (the page's words).
  const said = [t("js.map.status.in-view", { n: total, month })];
  if (!transport) said.push(t("js.map.status.without-transport"));
  for (const g of gaps) said.push(t("js.map.status.gap", { text: g.text }));
  status.textContent = said.join(" ");
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
    list.innerHTML = `<li>${html("js.map.points.none")}</li>`;
    return;
  }
  for (const f of top) {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    const p = f.properties;
    // What the button does, in no language: a place's crimes or a zoom.
    b.dataset.kind = p.crimes ? "place" : "cluster";
    // The data names places in English, "On or near Park Road"; around a
    // cluster, the street alone reads better.
    b.textContent = p.crimes
      ? t("js.map.points.place", { n: count(f), place: p.location || t("js.map.unnamed-place") })
      : t("js.map.points.cluster", { n: count(f), place: p.near ? p.near.replace(/^On or near /, "") : t("js.map.points.unnamed-near") });
    b.addEventListener("click", () => act(f, b));
    li.append(b);
    list.append(li);
  }
}

// nearestArea links the area page of the neighbourhood nearest the middle
// of the map, so every view leads to the page with its figures; the pages
// are under home.
function nearestArea(map, places, home) {
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
    ? html("js.map.nearest", { area: raw(`<a class="govuk-link" href="${escape(new URL(best.path, home).pathname)}">${escape(best.name)}</a>`), force: best.force })
    : "";
}
