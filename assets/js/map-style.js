// The map's style: an offline basemap drawn from our own boundaries (no
// tile or glyph server: MapLibre draws text with the system's fonts), and
// the crime and stop-and-search layers on top.

export function offlineStyle(boundaries) {
  const style = {
    version: 8,
    sources: {},
    layers: [{ id: "background", type: "background", paint: { "background-color": "#f3f2f1" } }],
  };
  if (boundaries) {
    style.sources.boundaries = { type: "vector", url: "pmtiles://" + boundaries };
    style.layers.push(
      { id: "boundaries-fill", type: "fill", source: "boundaries", "source-layer": "forces", paint: { "fill-color": "#ffffff" } },
      { id: "boundaries-line", type: "line", source: "boundaries", "source-layer": "neighbourhoods", paint: { "line-color": "#b1b4b6", "line-width": 1 } },
      { id: "force-line", type: "line", source: "boundaries", "source-layer": "forces", paint: { "line-color": "#505a5f", "line-width": 1.5 } },
    );
  }
  return style;
}

// count is the number of crimes of the selected categories a feature holds.
function count(categories) {
  if (!categories.length) return ["literal", 0];
  return ["+", 0, ...categories.map((c) => ["coalesce", ["get", c], 0])];
}

export function crimeLayers(archive, categories, stops, transport) {
  const n = count(categories);
  const radius = ["interpolate", ["linear"], ["sqrt", n], 1, 5, 10, 14, 40, 28];
  const layers = [
    {
      id: "crimes-clusters", type: "circle", source: "crimes", "source-layer": "crimes", maxzoom: 14,
      filter: [">", n, 0],
      paint: { "circle-color": "#1d70b8", "circle-opacity": 0.85, "circle-radius": radius, "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5 },
    },
    {
      id: "crimes-counts", type: "symbol", source: "crimes", "source-layer": "crimes", maxzoom: 14,
      filter: [">", n, 1],
      layout: { "text-field": ["to-string", n], "text-size": 12, "text-font": ["sans-serif"], "text-allow-overlap": true },
      paint: { "text-color": "#ffffff" },
    },
    {
      id: "crimes-points", type: "circle", source: "crimes", "source-layer": "crimes", minzoom: 14,
      filter: [">", n, 0],
      paint: { "circle-color": "#1d70b8", "circle-radius": radius, "circle-stroke-color": "#ffffff", "circle-stroke-width": 2 },
    },
  ];
  if (transport) {
    // Crimes British Transport Police reported, over the others: on trains
    // they are shown at the station where the journey ended.
    layers.push({
      id: "transport", type: "circle", source: "crimes", "source-layer": "crimes",
      filter: [">", ["coalesce", ["get", "btp"], 0], 0],
      paint: { "circle-color": "#4c2c92", "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "btp"]], 1, 5, 10, 14], "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5 },
    });
  }
  if (stops) {
    layers.push({
      id: "stops", type: "circle", source: "crimes", "source-layer": "stops",
      paint: { "circle-color": "#d4351c", "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "n"]], 1, 4, 10, 12], "circle-stroke-color": "#ffffff", "circle-stroke-width": 1 },
    });
  }
  return layers;
}

// catchmentLayers draw each snap point's catchment, the area whose crimes
// its dot stands for: a light fill and an outline, under the circles.
export function catchmentLayers(visible) {
  const visibility = visible ? "visible" : "none";
  return [
    { id: "catchments-fill", type: "fill", source: "catchments", "source-layer": "catchments",
      layout: { visibility }, paint: { "fill-color": "#f47738", "fill-opacity": 0.08 } },
    { id: "catchments-line", type: "line", source: "catchments", "source-layer": "catchments",
      layout: { visibility }, paint: { "line-color": "#b65500", "line-width": 1, "line-opacity": 0.7 } },
  ];
}
