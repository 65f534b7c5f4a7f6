// Area pages: when a postcode search brings a visitor here
// (…/?postcode=BL1%201RA), name their postcode near the top and mark it on
// the area's map. The page is whole without this. Only a postcode the
// site's own index places in this very area is shown, and it is written as
// text and SVG attributes, never as HTML, in the page's language.
import { home, nodes, t } from "./text.js";

const SVG = "http://www.w3.org/2000/svg";

// normalise gives a postcode in the index's form, "BL1 1RA", or "" for
// something that is not one.
export function normalise(raw) {
  const s = String(raw || "").toUpperCase().replace(/[^A-Z0-9]/g, "");
  if (!/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/.test(s)) return "";
  return s.slice(0, -3) + " " + s.slice(-3);
}

// project places lon/lat in an area map's viewBox from its data-bounds
// (west,south,east,north), Web Mercator between them as the map is drawn.
export function project(svg, lon, lat) {
  const [w, s, e, n] = (svg.dataset.bounds || "").split(",").map(Number);
  const vb = svg.viewBox.baseVal;
  const merc = (d) => Math.log(Math.tan(Math.PI / 4 + (d * Math.PI) / 360));
  return [
    ((lon - w) / (e - w)) * vb.width,
    ((merc(n) - merc(lat)) / (merc(n) - merc(s))) * vb.height,
  ];
}

async function showPostcode() {
  const code = normalise(new URLSearchParams(location.search).get("postcode"));
  const notice = document.getElementById("postcode-notice");
  if (!code || !notice) return;
  const root = new URL(document.body.dataset.root || "./", location.href);
  const outward = code.split(" ")[0];
  let entry;
  try {
    const res = await fetch(new URL(`search/postcodes/${outward}.json`, root));
    if (!res.ok) return;
    entry = (await res.json())[code];
  } catch {
    return; // no index, or offline: the page stays as it is
  }
  if (!entry || typeof entry.path !== "string") return;
  // The index names English pages; this page may be the same page in
  // another language, under that language's home.
  const pages = new URL(home(document.body.dataset.root || "./", document.body.dataset.home), location.href);
  const here = new URL(".", location.href).pathname;
  if (new URL(entry.path, pages).pathname !== here) return;

  let marked = false;
  const svg = document.querySelector("svg.cm-areamap");
  const at = Array.isArray(entry.at) ? entry.at.map(Number) : [];
  if (svg && at.length === 2 && at.every(Number.isFinite)) {
    const [x, y] = project(svg, at[0], at[1]);
    const vb = svg.viewBox.baseVal;
    if (x >= 0 && y >= 0 && x <= vb.width && y <= vb.height) {
      const g = document.createElementNS(SVG, "g");
      g.setAttribute("class", "cm-areamap-postcode");
      g.setAttribute("transform", `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
      // A pin: a black ring round a yellow centre, clear on the blue
      // area and beside the red dots.
      const ring = document.createElementNS(SVG, "circle");
      ring.setAttribute("r", "9");
      ring.setAttribute("fill", "#ffdd00");
      ring.setAttribute("stroke", "#0b0c0c");
      ring.setAttribute("stroke-width", "3");
      const title = document.createElementNS(SVG, "title");
      title.textContent = t("js.area.postcode-pin", { code });
      g.append(title, ring);
      svg.append(g);
      marked = true;
    }
  }
  const p = document.createElement("p");
  p.className = "govuk-body govuk-!-margin-bottom-0";
  const strong = document.createElement("strong");
  strong.textContent = code;
  p.append(...nodes(marked ? "js.area.postcode-marked" : "js.area.postcode", { code: strong }));
  notice.append(p);
}

showPostcode();
