// Figures for the map's first view, printed for make bench: the bytes of
// script and stylesheet it loads (raw and gzipped), the bytes read from
// each tile archive (the basemap's included) until the map is idle, and
// the time from navigation to the first crime badge drawn, in headless
// Chromium at 1280×900.
//
//   node assets/test/mapbench.mjs http://127.0.0.1:8080/
import { chromium } from "playwright-core";
import { gzipSync } from "node:zlib";

const base = process.argv[2];
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const loaded = [];
const archives = new Map(); // archive kind → bytes read
const reads = [];
page.on("response", (r) => {
  const url = r.url(), path = new URL(url).pathname;
  if (/\.(js|css)$/.test(path)) loaded.push(url);
  const m = path.match(/tiles\/([a-z]+)-.*\.pmtiles$/);
  if (m) reads.push(r.body().then((b) => archives.set(m[1], (archives.get(m[1]) || 0) + b.length)).catch(() => {}));
});
await page.goto(new URL("map/", base).href);
await page.waitForFunction(() => window.crimemap?.map?.loaded() && window.crimemap.map.getLayer("crimes-badges") &&
  window.crimemap.map.queryRenderedFeatures({ layers: ["crimes-badges"] }).length > 0, null, { timeout: 60000 });
const ms = await page.evaluate(() => performance.now());
await page.waitForFunction(() => window.crimemap.map.loaded() && !window.crimemap.map.isMoving(), null, { timeout: 60000 });
await page.waitForLoadState("networkidle");
await Promise.all(reads);
let raw = 0, gz = 0;
const rows = [];
for (const url of [...new Set(loaded)].sort()) {
  const body = Buffer.from(await (await fetch(url)).arrayBuffer());
  raw += body.length;
  const g = gzipSync(body, { level: 9 }).length;
  gz += g;
  rows.push(`  ${new URL(url).pathname.padEnd(40)} ${String(body.length).padStart(9)} ${String(g).padStart(9)}`);
}
await browser.close();
console.log("map first view: script and stylesheet bytes (raw, gzip)");
console.log(rows.join("\n"));
console.log(`  ${"total".padEnd(40)} ${String(raw).padStart(9)} ${String(gz).padStart(9)}`);
console.log("map first view: bytes read from each tile archive (tiles are compressed inside)");
for (const [kind, bytes] of [...archives].sort()) console.log(`  ${kind.padEnd(40)} ${String(bytes).padStart(9)}`);
console.log(`time to first rendered crime badge: ${Math.round(ms)} ms`);
