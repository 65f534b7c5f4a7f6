// The crime map: MapLibre GL JS over our PMTiles archives, read by HTTP
// Range requests through the pmtiles protocol. The page's form holds the
// state (month, categories, layers) and the URL's hash holds it too, with
// the view, so a view can be shared. Everything the map shows is also
// written out as text: a table of the crimes in view by category, and the
// places in view as buttons that open what happened there, for keyboard
// and screen reader users.
import * as maplibregl from "maplibre-gl";
import { PMTiles, Protocol } from "pmtiles";
import "../css/map.css";
import { offlineStyle, crimeLayers, catchmentLayers } from "./map-style.js";
import { readHash, writeHash } from "./map-state.js";
import { parseCrimes, renderPopup } from "./map-popup.js";
import { enableDrawing } from "./map-draw.js";

const el = document.getElementById("map");
if (el) start(el);

async function start(el) {
  const root = new URL(el.dataset.root || "./", location.href);
  maplibregl.setWorkerUrl(new URL(el.dataset.worker, location.href).href);
  const protocol = new Protocol();
  maplibregl.addProtocol("pmtiles", protocol.tile);

  const form = document.getElementById("map-controls");
  const month = document.getElementById("map-month");
  const status = document.getElementById("map-status");
  const popup = document.getElementById("map-popup");
  const state = readHash(location.hash);
  if (state.month && [...month.options].some((o) => o.value === state.month)) month.value = state.month;
  if (state.categories) {
    for (const box of form.querySelectorAll('input[name="category"]')) box.checked = state.categories.includes(box.value);
  }
  if (state.layers) {
    for (const box of form.querySelectorAll('input[name="layer"]')) box.checked = state.layers.includes(box.value);
  }

  const archiveURL = () => new URL(month.selectedOptions[0].dataset.url, root).href;
  const boundaries = el.dataset.boundaries ? new URL(el.dataset.boundaries, root).href : "";
  const catchments = el.dataset.catchments ? new URL(el.dataset.catchments, root).href : "";
  const catchmentStatus = document.getElementById("layer-catchments-status");
  let names = { categories: {}, outcomes: {} };
  const loadNames = async () => {
    const meta = await new PMTiles(archiveURL()).getMetadata();
    names = { categories: meta.categories || {}, outcomes: meta.outcomes || {} };
  };
  await loadNames();

  // A configured basemap style, when the build names one, gets our layers
  // on top; otherwise the offline style drawn from our own boundaries.
  let style = offlineStyle(boundaries);
  if (el.dataset.style) {
    try {
      style = await (await fetch(el.dataset.style)).json();
    } catch {
      document.getElementById("map-status").textContent = "The basemap could not be loaded; showing boundaries only.";
    }
  }
  const map = new maplibregl.Map({
    container: el,
    style,
    center: state.center || [-1.9, 52.9],
    zoom: state.zoom ?? 5.5,
    maxZoom: 18,
    attributionControl: { compact: false, customAttribution: "Contains public sector information licensed under the Open Government Licence v3.0" },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
  window.crimemap = { map }; // for the browser tests

  const selected = () => [...form.querySelectorAll('input[name="category"]:checked')].map((b) => b.value);
  const layerOn = (name) => form.querySelector(`input[name="layer"][value="${name}"]`)?.checked;

  const apply = () => {
    for (const id of ["crimes-clusters", "crimes-counts", "crimes-points", "transport", "stops"]) {
      if (map.getLayer(id)) map.removeLayer(id);
    }
    for (const id of ["crimes", "stops"]) if (map.getSource(id)) map.removeSource(id);
    map.addSource("crimes", { type: "vector", url: "pmtiles://" + archiveURL() });
    for (const l of crimeLayers(archiveURL(), selected(), layerOn("stops"), layerOn("transport"))) map.addLayer(l);
    for (const id of ["boundaries-fill", "boundaries-line", "force-line"]) {
      if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", layerOn("boundaries") ? "visible" : "none");
    }
    for (const id of ["catchments-fill", "catchments-line"]) {
      if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", layerOn("catchments") ? "visible" : "none");
    }
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
    // Added once, before the crime layers that apply adds on each change,
    // so the areas stay under the circles.
    if (catchments) {
      map.addSource("catchments", { type: "vector", url: "pmtiles://" + catchments });
      for (const l of catchmentLayers(layerOn("catchments"))) map.addLayer(l);
    }
    apply();
    drawing = enableDrawing(map, { initial: drawn, archive: archiveURL, categories: selected, names: () => names,
      changed: (d) => { drawn = d; save(); } });
  });
  const places = fetch(new URL("search/places.json", root)).then((r) => (r.ok ? r.json() : [])).catch(() => []);
  map.on("idle", async () => {
    describe(map, selected(), names, status);
    listPoints(map, names, popup);
    nearestArea(map, await places, root);
  });
  map.on("moveend", save);
  form.addEventListener("change", async (e) => {
    if (e.target === month) await loadNames();
    if (e.target.id === "layer-catchments" && catchmentStatus) {
      catchmentStatus.textContent = e.target.checked ? "Showing the area each dot stands for" : "Hidden: the area each dot stands for";
    }
    popup.hidden = true;
    apply();
    save();
    drawing?.refresh();
    status.textContent = "Updating the map…";
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  map.on("click", "crimes-points", (e) => {
    const f = e.features?.[0];
    if (f) showPopup(popup, f.properties, names, false);
  });
  for (const id of ["crimes-points", "crimes-clusters"]) {
    map.on("mouseenter", id, () => { map.getCanvas().style.cursor = "pointer"; });
    map.on("mouseleave", id, () => { map.getCanvas().style.cursor = ""; });
  }
  save();
}

// features returns the distinct crime features rendered, once each even
// where tiles repeat them near their edges.
function features(map) {
  const seen = new Map();
  for (const f of map.queryRenderedFeatures({ layers: ["crimes-points", "crimes-clusters"].filter((l) => map.getLayer(l)) })) {
    if (!seen.has(f.id)) seen.set(f.id, f);
  }
  return [...seen.values()];
}

// describe writes the table of crimes in view by category: the map's text
// alternative, with the same numbers as the circles.
function describe(map, cats, names, status) {
  const totals = Object.fromEntries(cats.map((c) => [c, 0]));
  for (const f of features(map)) for (const c of cats) totals[c] += Number(f.properties[c] || 0);
  const total = Object.values(totals).reduce((a, b) => a + b, 0);
  const rows = cats.map((c) => `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${escape(names.categories[c] || c)}</th><td class="govuk-table__cell govuk-table__cell--numeric" data-category="${c}">${totals[c].toLocaleString("en-GB")}</td></tr>`).join("");
  const option = document.getElementById("map-month").selectedOptions[0];
  const month = option.textContent;
  // The month's crimes with no location are in the pages' totals but on no
  // map: say how many beside the total in view.
  document.getElementById("map-unmapped").textContent = option.dataset.unmapped || "";
  document.getElementById("map-table").innerHTML =
    `<table class="govuk-table" id="map-counts"><caption class="govuk-table__caption govuk-table__caption--m">Crimes in view, ${escape(month)}</caption>` +
    `<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Category</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Crimes</th></tr></thead>` +
    `<tbody class="govuk-table__body">${rows}</tbody><tfoot><tr class="govuk-table__row"><th scope="row" class="govuk-table__header">All</th><td class="govuk-table__cell govuk-table__cell--numeric" id="map-total">${total.toLocaleString("en-GB")}</td></tr></tfoot></table>`;
  status.textContent = `${total.toLocaleString("en-GB")} crimes in view in ${month}.`;
}

// listPoints lists the snap points in view with most crimes as buttons:
// the keyboard's way to open what happened at a point.
function listPoints(map, names, popup) {
  const list = document.getElementById("map-points");
  const points = features(map).filter((f) => f.properties.crimes).sort((a, b) => b.properties.n - a.properties.n || a.id - b.id).slice(0, 20);
  list.className = "govuk-list cm-map-points";
  list.innerHTML = "";
  if (!points.length) {
    list.innerHTML = `<li>Zoom in to see individual places.</li>`;
    return;
  }
  for (const f of points) {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = `${f.properties.location || "Unnamed place"}: ${Number(f.properties.n).toLocaleString("en-GB")} crimes`;
    b.addEventListener("click", () => showPopup(popup, f.properties, names, true));
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
    if (p.kind !== "neighbourhood") continue;
    const dx = (p.at[0] - c.lng) * Math.cos((c.lat * Math.PI) / 180), dy = p.at[1] - c.lat;
    const d = dx * dx + dy * dy;
    if (d < bestD) { best = p; bestD = d; }
  }
  el.innerHTML = best
    ? `The neighbourhood nearest the middle of the map: <a class="govuk-link" href="${new URL(best.path, root).pathname}">${escape(best.name)}</a> (${escape(best.force)}).`
    : "";
}

function showPopup(popup, props, names, focus) {
  popup.innerHTML = renderPopup(props.location, parseCrimes(props.crimes), names);
  popup.hidden = false;
  if (focus) popup.focus();
}

export function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
