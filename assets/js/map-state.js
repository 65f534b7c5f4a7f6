// The map's state in the URL's hash, so a view can be bookmarked and
// shared: #m=2025-12&c=burglary,robbery&l=stops&z=12.50&ll=-1.50000,53.40000
// and, when an area is drawn, &d=lon,lat;lon,lat;… its corners.

export function readHash(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const s = {};
  if (p.has("m") && /^\d{4}-\d{2}$/.test(p.get("m"))) s.month = p.get("m");
  if (p.has("c")) s.categories = p.get("c").split(",").filter(Boolean);
  if (p.has("l")) s.layers = p.get("l").split(",").filter(Boolean);
  const z = parseFloat(p.get("z"));
  if (Number.isFinite(z) && z >= 0 && z <= 22) s.zoom = z;
  const ll = (p.get("ll") || "").split(",").map(Number);
  if (ll.length === 2 && ll.every(Number.isFinite) && Math.abs(ll[0]) <= 180 && Math.abs(ll[1]) <= 90) s.center = ll;
  if (p.has("d")) s.drawn = p.get("d");
  return s;
}

export function writeHash(s) {
  const p = new URLSearchParams();
  p.set("m", s.month);
  p.set("c", s.categories.join(","));
  p.set("l", s.layers.join(","));
  p.set("z", s.zoom.toFixed(2));
  p.set("ll", `${s.center[0].toFixed(5)},${s.center[1].toFixed(5)}`);
  if (s.drawn) p.set("d", s.drawn);
  return "#" + p.toString().replace(/%2C/g, ",").replace(/%3B/g, ";");
}
