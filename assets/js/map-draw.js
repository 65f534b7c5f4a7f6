// Drawn areas: draw a polygon on the map (Terra Draw) and see the month's
// crimes inside it by category. The counts come from the archive's highest
// zoom, where every feature is one snap point, so they are exact whatever
// the map's zoom. The shape goes in the URL's hash ("d"), so it can be
// saved and shared.
import { TerraDraw, TerraDrawPolygonMode } from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";
import { escape, html, number, t } from "./text.js";

const Z = 14;
const MAX_TILES = 400;

export function encodeShape(ring) {
  return ring.map(([x, y]) => `${x.toFixed(5)},${y.toFixed(5)}`).join(";");
}

export function decodeShape(s) {
  const ring = (s || "").split(";").map((p) => p.split(",").map(Number)).filter((p) => p.length === 2 && p.every(Number.isFinite));
  return ring.length >= 3 ? ring : null;
}

function inside([x, y], ring) {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

const tileX = (lon) => Math.floor(((lon + 180) / 360) * 2 ** Z);
const tileY = (lat) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 2 ** Z);
};
const lonOf = (x) => (x / 2 ** Z) * 360 - 180;
const latOf = (y) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** Z))) * 180) / Math.PI;

// countInside sums, by category, the crimes at snap points inside ring;
// without transport, less those British Transport Police reported.
export async function countInside(archive, ring, categories, transport = true) {
  const lons = ring.map((p) => p[0]), lats = ring.map((p) => p[1]);
  const x0 = tileX(Math.min(...lons)), x1 = tileX(Math.max(...lons));
  const y0 = tileY(Math.max(...lats)), y1 = tileY(Math.min(...lats));
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_TILES) return null;
  const totals = Object.fromEntries(categories.map((c) => [c, 0]));
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1; y++) {
      const res = await archive.getZxy(Z, x, y);
      if (!res) continue;
      const layer = new VectorTile(new PbfReader(new Uint8Array(res.data))).layers.crimes;
      if (!layer) continue;
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        const p = f.loadGeometry()[0][0];
        // Features repeated in a neighbour's buffer are counted there.
        if (p.x < 0 || p.y < 0 || p.x >= layer.extent || p.y >= layer.extent) continue;
        const pt = [lonOf(x + p.x / layer.extent), latOf(y + p.y / layer.extent)];
        if (!inside(pt, ring)) continue;
        for (const c of categories) totals[c] += Number(f.properties[c] || 0) - (transport ? 0 : Number(f.properties["btp." + c] || 0));
      }
    }
  }
  return totals;
}

// enableDrawing wires the draw button and the results to the map.
export function enableDrawing(map, opts) {
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map }),
    modes: [new TerraDrawPolygonMode()],
  });
  draw.start();
  const button = document.getElementById("draw-area");
  const clear = document.getElementById("draw-clear");
  let shape = decodeShape(opts.initial);
  const show = async () => {
    const out = document.getElementById("draw-results");
    if (!shape) {
      out.innerHTML = "";
      return;
    }
    const totals = await countInside(opts.archive(), shape, opts.categories(), opts.transport());
    if (!totals) {
      out.innerHTML = `<p class="govuk-body">${html("js.map.draw.too-big")}</p>`;
      return;
    }
    const names = opts.names();
    const total = Object.values(totals).reduce((a, b) => a + b, 0);
    out.innerHTML = `<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--m">${html("js.map.draw.caption")}</caption>` +
      `<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">${html("js.map.table.category")}</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">${html("js.map.table.crimes")}</th></tr></thead><tbody class="govuk-table__body">` +
      Object.entries(totals).map(([c, n]) => `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${escape(names.categories[c] || c)}</th><td class="govuk-table__cell govuk-table__cell--numeric">${number(n)}</td></tr>`).join("") +
      `</tbody><tfoot><tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${html("js.map.table.all")}</th><td class="govuk-table__cell govuk-table__cell--numeric" id="draw-total">${number(total)}</td></tr></tfoot></table>`;
    document.getElementById("map-status").textContent = t("js.map.draw.status", { n: total });
  };
  const set = (ring) => {
    shape = ring;
    opts.changed(shape ? encodeShape(shape) : "");
    show();
  };
  if (shape) {
    draw.addFeatures([{ type: "Feature", geometry: { type: "Polygon", coordinates: [[...shape, shape[0]]] }, properties: { mode: "polygon" } }]);
    show();
  }
  button.hidden = false;
  clear.hidden = false;
  button.addEventListener("click", () => {
    draw.clear();
    draw.setMode("polygon");
    document.getElementById("map-status").textContent = t("js.map.draw.drawing");
  });
  clear.addEventListener("click", () => {
    draw.clear();
    set(null);
  });
  draw.on("finish", (id) => {
    const f = draw.getSnapshotFeature(id);
    if (f?.geometry.type === "Polygon") set(f.geometry.coordinates[0].slice(0, -1));
  });
  return { refresh: show, shape: () => shape };
}
