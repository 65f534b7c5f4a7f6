// Figures for the map's first view, printed for make bench: the bytes of
// script and stylesheet it loads (raw and gzipped), and the time from
// navigation to the first crime feature drawn, in headless Chromium.
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
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
const loaded = [];
page.on("response", async (r) => {
  const url = r.url();
  if (/\.(js|css)$/.test(new URL(url).pathname)) loaded.push(url);
});
await page.goto(new URL("map/", base).href);
await page.waitForFunction(() => window.crimemap?.map?.loaded() &&
  window.crimemap.map.queryRenderedFeatures({ layers: ["crimes-clusters"] }).length > 0, null, { timeout: 60000 });
const ms = await page.evaluate(() => performance.now());
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
console.log(`time to first rendered crime feature: ${Math.round(ms)} ms`);
