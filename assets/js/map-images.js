// Images the map's layers draw with, made on a canvas here rather than
// loaded from a sprite: the badge behind each number, which stretches to
// fit it, and the hatching of a force's area it did not publish.

const RATIO = 2; // drawn at twice the size, sharp on high-density screens

// BADGE is the badge's radius in CSS pixels as drawn; the layer scales it
// to fit its number (see crimeLayers).
export const BADGE = 24;

// badge is a disc in colour with a white ring and a thin dark edge, so it
// stands out on light and dark ground alike.
function badge(colour) {
  const r = BADGE * RATIO, size = 2 * r + 2, mid = size / 2;
  const c = document.createElement("canvas");
  c.width = c.height = size;
  const g = c.getContext("2d");
  for (const [radius, fill] of [[r, "#0b0c0c"], [r - 2 * RATIO, "#ffffff"], [r - 5 * RATIO, colour]]) {
    g.beginPath();
    g.arc(mid, mid, radius, 0, 2 * Math.PI);
    g.fillStyle = fill;
    g.fill();
  }
  return { image: g.getImageData(0, 0, size, size), options: { pixelRatio: RATIO } };
}

// hatch is a repeating pattern of dark diagonal lines on a faint wash.
function hatch() {
  const size = 12 * RATIO;
  const c = document.createElement("canvas");
  c.width = c.height = size;
  const g = c.getContext("2d");
  g.fillStyle = "rgba(255,255,255,0.55)";
  g.fillRect(0, 0, size, size);
  g.strokeStyle = "rgba(80,90,95,0.8)";
  g.lineWidth = 1.5 * RATIO;
  for (const o of [-size, 0, size]) {
    g.beginPath();
    g.moveTo(o, size);
    g.lineTo(o + size, 0);
    g.stroke();
  }
  return { image: g.getImageData(0, 0, size, size), options: { pixelRatio: RATIO } };
}

// addImages adds the images to the map, once per style.
export function addImages(map) {
  const images = { "cm-badge": badge("#1d70b8"), "cm-badge-transport": badge("#4c2c92"), "cm-hatch": hatch() };
  for (const [name, { image, options }] of Object.entries(images)) {
    if (!map.hasImage(name)) map.addImage(name, image, options);
  }
}
