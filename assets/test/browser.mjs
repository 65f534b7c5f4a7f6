// Browser tests of the built site in real Chromium, driven by
// playwright-core (its own browser download is never used: Debian's
// chromium is). The Go test serves the site on 127.0.0.1, works out the
// expected numbers from the same data, and passes them in as JSON:
//
//   node assets/test/browser.mjs '{"base":"http://127.0.0.1:PORT/", ...}'
//
// Prints one JSON object: {"passed": [...], "failed": [{name, error}]}.
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const cfg = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
mkdirSync(cfg.artifacts, { recursive: true });

const browser = await chromium.launch({
  executablePath: cfg.chromium || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
});
const results = { passed: [], failed: [] };
async function check(name, fn) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The site is served under its own _headers policy: anything the content
  // security policy refuses is a failure.
  page.on("console", (m) => { if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  try {
    await fn(page);
    if (errors.length) throw new Error("page errors: " + errors.join("; "));
    results.passed.push(name);
  } catch (e) {
    results.failed.push({ name, error: String(e && e.message || e) });
  } finally {
    await page.screenshot({ path: `${cfg.artifacts}/${name}.png`, fullPage: false }).catch(() => {});
    await page.close();
  }
}

const mapURL = (hash) => new URL("map/#" + hash, cfg.base).href;
async function mapTotal(page) {
  await page.waitForFunction(() => document.querySelector("#map-total"), null, { timeout: 30000 });
  await page.waitForFunction(() => window.crimemap && window.crimemap.map.loaded() && !window.crimemap.map.isMoving(), null, { timeout: 30000 });
  await page.waitForTimeout(500);
  return Number((await page.textContent("#map-total")).replace(/,/g, ""));
}

// The whole country in view: the table's total is the month's mapped crimes.
const allCats = cfg.categories.join(",");
await check("map-renders-month", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=boundaries&z=4.50&ll=-3.00000,53.50000`));
  const total = await mapTotal(page);
  if (total !== cfg.mapped) throw new Error(`total in view ${total}, want ${cfg.mapped}`);
  // The crimes with no location are named beside it, and with the whole
  // country in view the two reconcile with the month's total.
  const un = (await page.textContent("#map-unmapped")).match(/^Not on the map: ([\d,]+) of the ([\d,]+) crimes in .+ have no location\.$/);
  if (!un) throw new Error(`unmapped line: ${await page.textContent("#map-unmapped")}`);
  const [unmapped, all] = [un[1], un[2]].map((s) => Number(s.replace(/,/g, "")));
  if (all - unmapped !== total) throw new Error(`${all} crimes less ${unmapped} with no location is not the ${total} on the map`);
  const rendered = await page.evaluate(() => window.crimemap.map.queryRenderedFeatures({ layers: ["crimes-clusters"] }).length);
  if (rendered === 0) throw new Error("no crime features rendered");
  await page.waitForSelector("#map-area a");
  const href = await page.getAttribute("#map-area a", "href");
  const res = await page.request.get(new URL(href, cfg.base).href);
  if (!href.includes("/forces/") || res.status() !== 200) throw new Error(`area link ${href}: ${res.status()}`);
});

await check("transport-layer", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=transport&z=4.50&ll=-3.00000,53.50000`));
  await mapTotal(page);
  const btp = await page.evaluate(() => {
    const seen = new Map();
    for (const f of window.crimemap.map.queryRenderedFeatures({ layers: ["transport"] })) seen.set(f.id, Number(f.properties.btp));
    return [...seen.values()].reduce((a, b) => a + b, 0);
  });
  if (btp !== cfg.transport) throw new Error(`transport layer shows ${btp} crimes, want ${cfg.transport}`);
});

// The catchments layer: off at first, described by its hint, and turned on
// and off by mouse and by keyboard, each change announced.
await check("catchments-layer", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=boundaries&z=14.00&ll=${cfg.point[0].toFixed(5)},${cfg.point[1].toFixed(5)}`));
  await mapTotal(page);
  const visibility = () => page.evaluate(() => window.crimemap.map.getLayoutProperty("catchments-fill", "visibility"));
  const status = () => page.textContent("#layer-catchments-status");
  const waitFor = async (want, said, how) => {
    await page.waitForFunction((w) => window.crimemap.map.getLayoutProperty("catchments-fill", "visibility") === w, want, { timeout: 10000 })
      .catch(async () => { throw new Error(`${how}: the layer is ${await visibility()}, want ${want}`); });
    const text = (await status()).trim();
    if (!text.startsWith(said)) throw new Error(`${how}: the live region says "${text}", want "${said}…"`);
  };
  if ((await visibility()) !== "none") throw new Error(`the layer starts ${await visibility()}, want none`);
  if (await page.isChecked("#layer-catchments")) throw new Error("the switch starts on");
  const hintID = await page.getAttribute("#layer-catchments", "aria-describedby");
  const hint = hintID && (await page.textContent("#" + hintID));
  if (!hint || !/nearest snap point/.test(hint)) throw new Error(`the switch is described by ${hintID}: "${hint}"`);
  const live = await page.getAttribute("#layer-catchments-status", "aria-live");
  if (live !== "polite") throw new Error(`the status region has aria-live=${live}`);

  await page.click('label[for="layer-catchments"]');
  await waitFor("visible", "Showing the area each dot stands for", "mouse on");
  await page.waitForFunction(() => window.crimemap.map.loaded() && window.crimemap.map.queryRenderedFeatures({ layers: ["catchments-fill"] }).length > 0, null, { timeout: 30000 })
    .catch(() => { throw new Error("no catchment drawn at the busiest snap point"); });
  if (!/[#&]l=[^&]*catchments/.test(page.url())) throw new Error(`the layer is not in the URL: ${page.url()}`);
  await page.click('label[for="layer-catchments"]');
  await waitFor("none", "Hidden", "mouse off");

  await page.focus("#layer-catchments");
  await page.keyboard.press("Space");
  await waitFor("visible", "Showing the area each dot stands for", "Space on");
  await page.keyboard.press("Space");
  await waitFor("none", "Hidden", "Space off");
  // Left on, for the screenshot.
  await page.keyboard.press("Space");
  await waitFor("visible", "Showing the area each dot stands for", "Space on again");
  await page.waitForFunction(() => window.crimemap.map.loaded() && !window.crimemap.map.isMoving(), null, { timeout: 30000 });
});

await check("category-filter", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=boundaries&z=4.50&ll=-3.00000,53.50000`));
  await mapTotal(page);
  for (const c of cfg.categories) if (c !== "burglary") await page.uncheck(`#cat-${c}`);
  await page.waitForFunction((want) => document.querySelector("#map-total")?.textContent.replace(/,/g, "") === String(want), cfg.burglary, { timeout: 30000 });
  const status = await page.textContent("#map-status");
  if (!status.includes(cfg.burglary.toLocaleString("en-GB"))) throw new Error(`live region says ${status}`);
});

await check("snap-point-popup", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=&z=15.00&ll=${cfg.point[0].toFixed(5)},${cfg.point[1].toFixed(5)}`));
  await mapTotal(page);
  await page.waitForSelector("#map-points button", { timeout: 30000 });
  await page.focus("#map-points button");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#map-popup-list li");
  const text = await page.textContent("#map-popup");
  if (!/On or near/.test(text)) throw new Error(`popup: ${text}`);
  const items = await page.$$eval("#map-popup-list li", (lis) => lis.map((li) => li.textContent));
  if (!items.some((t) => t.includes(":"))) throw new Error(`popup items ${items}`);
  const focused = await page.evaluate(() => document.activeElement?.id);
  if (focused !== "map-popup") throw new Error(`focus on ${focused}, want the popup`);
});

await check("shared-url-restores-view", async (page) => {
  const hash = `m=${cfg.firstMonth}&c=burglary,robbery&l=stops&z=9.00&ll=${cfg.point[0].toFixed(5)},${cfg.point[1].toFixed(5)}`;
  await page.goto(mapURL(hash));
  await mapTotal(page);
  const month = await page.inputValue("#map-month");
  const checked = await page.$$eval('input[name="category"]:checked', (bs) => bs.map((b) => b.value));
  const stops = await page.isChecked("#layer-stops");
  const zoom = await page.evaluate(() => window.crimemap.map.getZoom());
  if (month !== cfg.firstMonth || checked.join(",") !== "burglary,robbery" || !stops || Math.abs(zoom - 9) > 0.01) {
    throw new Error(`restored ${month} ${checked} stops=${stops} zoom=${zoom}`);
  }
});

const shape = cfg.rectangle.map(([x, y]) => `${x.toFixed(5)},${y.toFixed(5)}`).join(";");
await check("drawn-area-from-url", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=&z=13.00&ll=${cfg.point[0].toFixed(5)},${cfg.point[1].toFixed(5)}&d=${shape}`));
  await mapTotal(page);
  await page.waitForFunction((want) => document.querySelector("#draw-total")?.textContent.replace(/,/g, "") === String(want), cfg.inRectangle, { timeout: 30000 })
    .catch(async () => { throw new Error(`drawn total ${await page.textContent("#draw-total").catch(() => "none")}, want ${cfg.inRectangle}`); });
});

await check("drawn-area-by-mouse", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=&z=13.00&ll=${cfg.point[0].toFixed(5)},${cfg.point[1].toFixed(5)}`));
  await mapTotal(page);
  // Fit the rectangle in the map, then draw it corner by corner.
  await page.evaluate((ring) => window.crimemap.map.fitBounds([ring[0], ring[2]], { padding: 60, animate: false }), cfg.rectangle);
  await page.waitForFunction(() => !window.crimemap.map.isMoving() && window.crimemap.map.loaded());
  await page.click("#draw-area");
  await page.evaluate(() => document.getElementById("map").scrollIntoView({ block: "center" }));
  const box = await page.locator("#map canvas").boundingBox();
  const pixels = await page.evaluate((ring) => ring.map((p) => { const q = window.crimemap.map.project(p); return [q.x, q.y]; }), cfg.rectangle);
  for (const [x, y] of [...pixels, pixels[0]]) {
    await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
    await page.waitForTimeout(100);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForTimeout(200);
  }
  await page.waitForFunction((want) => document.querySelector("#draw-total")?.textContent.replace(/,/g, "") === String(want), cfg.inRectangle, { timeout: 30000 })
    .catch(async () => { throw new Error(`drawn total ${await page.textContent("#draw-total").catch(() => "none")}, want ${cfg.inRectangle}`); });
  if (!/[#&]d=/.test(page.url())) throw new Error("the drawn area is not in the URL");
});

await check("postcode-search", async (page) => {
  await page.goto(cfg.base);
  await page.fill("#q", cfg.postcode);
  await Promise.all([page.waitForURL((u) => u.pathname.endsWith(cfg.postcodePath), { timeout: 15000 }), page.press("#q", "Enter")]);
});

for (const p of cfg.axePages) {
  await check("axe-" + p.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "axe-home", async (page) => {
    await page.goto(new URL(p, cfg.base).href);
    if (p.startsWith("map/")) await mapTotal(page);
    // Evaluated through the DevTools protocol, as the policy forbids the
    // page itself to run an inline script.
    await page.evaluate(axeSource);
    const r = await page.evaluate(async () => await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }));
    const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    if (bad.length) throw new Error(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target}`).join("; "));
  });
}

await browser.close();
console.log(JSON.stringify(results));
