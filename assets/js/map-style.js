// The map's style. Under the crimes, a street basemap from the site's own
// basemap archive (the Protomaps schema, styled by @protomaps/basemaps)
// when the build has one, else a plain map drawn from our boundaries. No
// glyph or sprite server is used: MapLibre draws labels with the fonts the
// reader's system has, and the basemap's icons are left out, so the map
// makes no request beyond the site.
import { layers as basemapLayers, namedFlavor } from "@protomaps/basemaps";
import { BADGE } from "./map-images.js";

// The light flavour keeps streets and labels readable under our blue and
// purple badges, which stay the strongest colours on the map.
const flavor = namedFlavor("light");

const STREETS = new Set(["roads_labels_minor", "roads_labels_major"]);

// baseStyle is the style the crime layers go on: the basemap with the
// boundaries over it, or the boundaries alone. Labels are in lang where
// the basemap has a name in it (name:cy), else in the name it has.
export function baseStyle({ basemap, boundaries, lang = "en" }) {
  const style = { version: 8, sources: {}, layers: [] };
  if (basemap) {
    style.sources.basemap = { type: "vector", url: "pmtiles://" + basemap };
    for (const l of basemapLayers("basemap", flavor, { lang })) {
      // No sprite: the basemap's icons (town dots, shields, points of
      // interest) would each be a failed image; their labels stay.
      if (l.layout && "icon-image" in l.layout) {
        l.layout = { ...l.layout };
        delete l.layout["icon-image"];
      }
      if (l.id === "roads_shields") continue;
      // Street names are what a reader places a badge by, and the badges,
      // placed first, would crowd them out: they are drawn whatever they
      // overlap, under the badges. A town's name moves round its point to
      // where no badge is.
      if (STREETS.has(l.id)) l.layout = { ...l.layout, "text-allow-overlap": true };
      if (l.id === "places_locality") {
        l.layout = { ...l.layout, "text-variable-anchor": ["bottom", "top", "left", "right", "bottom-left", "bottom-right", "top-left", "top-right"], "text-radial-offset": 1 };
        delete l.layout["text-anchor"];
        delete l.layout["text-offset"];
      }
      style.layers.push(l);
    }
    // The sea is where the basemap has no land: an extract's tiles stop at
    // its edge, and the sample's basemap draws land only.
    style.layers[0] = { id: "background", type: "background", paint: { "background-color": flavor.water } };
  } else {
    style.layers.push({ id: "background", type: "background", paint: { "background-color": "#f3f2f1" } });
  }
  if (boundaries) {
    style.sources.boundaries = { type: "vector", url: "pmtiles://" + boundaries };
    if (!basemap) {
      style.layers.push({ id: "boundaries-land", type: "fill", source: "boundaries", "source-layer": "forces", paint: { "fill-color": "#ffffff" } });
    }
    style.layers.push(
      { id: "boundaries-line", type: "line", source: "boundaries", "source-layer": "neighbourhoods", minzoom: 9,
        paint: { "line-color": "#6f777b", "line-width": 1, "line-dasharray": [3, 2], "line-opacity": 0.8 } },
      { id: "force-line", type: "line", source: "boundaries", "source-layer": "forces",
        paint: { "line-color": "#505a5f", "line-width": ["interpolate", ["linear"], ["zoom"], 5, 1, 10, 2.5] } },
    );
  }
  return style;
}

// selectedCount is the number of crimes of the selected categories a
// feature holds; without transport, less those British Transport Police
// reported, which the tiles count per category as "btp.<category>".
export function selectedCount(categories, transport) {
  if (!categories.length) return ["literal", 0];
  return ["+", 0, ...categories.map((c) => transport
    ? ["coalesce", ["get", c], 0]
    : ["-", ["coalesce", ["get", c], 0], ["coalesce", ["get", "btp." + c], 0]])];
}

function transportCount(categories) {
  if (!categories.length) return ["literal", 0];
  return ["+", 0, ...categories.map((c) => ["coalesce", ["get", "btp." + c], 0])];
}

// The badge layers. Every feature, clustered or not, is a badge: a disc
// at least as wide as its number. Badges are placed biggest first
// and MapLibre hides one that would overlap another, the badge and its
// number together, so no two numbers ever collide; the hidden one shows
// when zoomed in, and every crime is in the table of crimes in view, which
// counts from the invisible "crimes-hit" layer that draws every feature.
export function crimeLayers(categories, { stops, transport }) {
  const n = selectedCount(categories, transport);
  const label = ["number-format", n, { locale: "en-GB" }];
  const onlyTransport = ["all", transport, [">", transportCount(categories), 0], ["==", transportCount(categories), n]];
  const layers = [
    {
      id: "crimes-hit", type: "circle", source: "crimes", "source-layer": "crimes",
      filter: [">", n, 0],
      paint: { "circle-radius": 10, "circle-opacity": 0, "circle-stroke-width": 0 },
    },
    {
      id: "crimes-badges", type: "symbol", source: "crimes", "source-layer": "crimes",
      filter: [">", n, 0],
      layout: {
        "symbol-sort-key": ["-", 0, n],
        "text-field": label,
        "text-font": ["Noto Sans Bold"],
        "text-size": 12,
        // The disc grows with its number's width: about 7.2 px a
        // character at 12 px, 10 px of ring and margin, and never smaller
        // than a one-digit badge.
        "icon-image": ["case", onlyTransport, "cm-badge-transport", "cm-badge"],
        "icon-size": ["/", ["max", 22, ["+", 12, ["*", 7.2, ["length", label]]]], 2 * BADGE],
        "icon-allow-overlap": false,
        "text-allow-overlap": false,
        "icon-padding": 1,
      },
      paint: { "text-color": "#ffffff" },
    },
  ];
  if (stops) {
    layers.push({
      id: "stops", type: "circle", source: "crimes", "source-layer": "stops",
      paint: { "circle-color": "#d4351c", "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "n"]], 1, 4, 10, 10], "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5 },
    });
  }
  return layers;
}

// gapLayers hatch and label the forces whose month the map cannot show in
// full (not published, or far below usual), so a quiet area is never read
// as an area without crime. gaps: [{force, text}].
// The fill goes under the badges and the label over them.
export function gapLayers(gaps) {
  const ids = gaps.map((g) => g.force);
  const inGap = ["in", ["get", "id"], ["literal", ids.length ? ids : [""]]];
  const text = ids.length ? ["match", ["get", "id"], ...gaps.flatMap((g) => [g.force, g.text]), ""] : "";
  return [
    { id: "gaps-fill", type: "fill", source: "boundaries", "source-layer": "forces", filter: inGap,
      paint: { "fill-pattern": "cm-hatch" } },
    { id: "gaps-label", type: "symbol", source: "boundaries", "source-layer": "labels",
      filter: ["all", ["==", ["get", "kind"], "force"], inGap],
      // Above the badges, and in the way of none of them.
      layout: { "text-field": text, "text-font": ["sans-serif"], "text-size": 13, "text-max-width": 8, "text-allow-overlap": true, "text-ignore-placement": true },
      paint: { "text-color": "#0b0c0c", "text-halo-color": "#ffffff", "text-halo-width": 2 } },
  ];
}

// catchmentLayers draw each snap point's catchment, the area whose crimes
// its dot stands for: a light fill and an outline, under the badges.
export function catchmentLayers(visible) {
  const visibility = visible ? "visible" : "none";
  return [
    { id: "catchments-fill", type: "fill", source: "catchments", "source-layer": "catchments",
      layout: { visibility }, paint: { "fill-color": "#f47738", "fill-opacity": 0.08 } },
    { id: "catchments-line", type: "line", source: "catchments", "source-layer": "catchments",
      layout: { visibility }, paint: { "line-color": "#b65500", "line-width": 1, "line-opacity": 0.7 } },
  ];
}
