// Browser tests of the built site in real Chromium, driven by
// playwright-core (its own browser download is never used: Debian's
// chromium is). The Go test serves the site on 127.0.0.1, works out the
// expected numbers from the same data, and passes them in as JSON:
//
//   node assets/test/browser.mjs '{"base":"http://127.0.0.1:PORT/", ...}'
//
// Prints one JSON object: {"passed": [...], "failed": [{name, error}]}.
import { chromium } from "playwright-core";
import { readFileSync, readdirSync, mkdirSync } from "node:fs";
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
const results = { passed: [], failed: [], total: 0 };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

// check runs fn on a fresh page at desktop size, or with opts.phone on a
// touch phone, and fails it on a script error, anything the content
// security policy refuses, or any request that fails (a 404 included),
// but for the one a check expects to fail (opts.allowFailed, its URL).
async function check(name, fn, opts = {}) {
  // CRIMEMAP_BROWSER_ONLY (a regular expression) runs only the checks it
  // names, while one is being worked on.
  if (cfg.only && !new RegExp(cfg.only).test(name)) return;
  results.total++;
  const ctx = await browser.newContext({ ...(opts.phone ? PHONE : DESKTOP), javaScriptEnabled: !opts.noJS });
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The site is served under its own _headers policy: anything the content
  // security policy refuses is a failure.
  page.on("console", (m) => { if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  page.on("response", (r) => {
    if (r.status() >= 400 && !(opts.allow404 && r.url() === opts.allow404)) errors.push(`${r.status()} ${r.url()}`);
  });
  page.on("requestfailed", (r) => {
    if (/ERR_ABORTED/.test(r.failure()?.errorText || "") || r.url() === opts.allowFailed) return;
    errors.push(`failed ${r.url()}: ${r.failure()?.errorText}`);
  });
  try {
    await fn(page);
    if (errors.length) throw new Error("page errors: " + errors.join("; "));
    results.passed.push(name);
  } catch (e) {
    results.failed.push({ name, error: String(e && e.message || e) });
  } finally {
    await page.screenshot({ path: `${cfg.artifacts}/${name}.png`, fullPage: false }).catch(() => {});
    await ctx.close();
  }
}

const mapURL = (hash) => new URL("map/#" + hash, cfg.base).href;
async function mapTotal(page) {
  await page.waitForFunction(() => document.querySelector("#map-total"), null, { timeout: 30000 });
  await page.waitForFunction(() => window.crimemap && window.crimemap.map.loaded() && !window.crimemap.map.isMoving(), null, { timeout: 30000 });
  await page.waitForTimeout(500);
  return Number((await page.textContent("#map-total")).replace(/,/g, ""));
}

const allCats = cfg.categories.join(",");
const at = (pt, z) => `z=${z.toFixed(2)}&ll=${pt[0].toFixed(5)},${pt[1].toFixed(5)}`;
const settled = (page) => page.waitForFunction(() => window.crimemap.map.loaded() && !window.crimemap.map.isMoving(), null, { timeout: 30000 });
async function openDetails(page, id) {
  if (!(await page.getAttribute(`#${id}`, "open"))) await page.click(`#${id} summary`);
}
// badgeBoxes measures each placed badge from its icon-size as the layer
// evaluates it for the feature.
const badgeBoxes = (page) => page.evaluate(() => {
  const m = window.crimemap.map, r = m.getContainer().getBoundingClientRect();
  const layer = m.style.getLayer("crimes-badges");
  const seen = new Map();
  for (const f of m.queryRenderedFeatures({ layers: ["crimes-badges"] })) {
    if (seen.has(f.id)) continue;
    const p = m.project(f.geometry.coordinates);
    const scale = layer.layout.get("icon-size").evaluate(f, {});
    const text = layer.layout.get("text-field").evaluate(f, {}).toString();
    const side = scale * 49; // the disc image is 49 CSS pixels across at icon-size 1
    seen.set(f.id, { x: r.x + p.x, y: r.y + p.y, side, text, crimes: !!f.properties.crimes, n: Number(f.properties.n) });
  }
  return [...seen.values()];
});

// The map is the page: its canvas is in the first screen and covers most
// of it, at desktop and phone sizes.
for (const [size, opts, share] of [["desktop", {}, 0.55], ["phone", { phone: true }, 0.75]]) {
  await check(`map-first-view-${size}`, async (page) => {
    await page.goto(new URL("map/", cfg.base).href);
    await mapTotal(page);
    const vp = page.viewportSize();
    const box = await page.locator("#map canvas").boundingBox();
    const w = Math.max(0, Math.min(box.x + box.width, vp.width) - Math.max(box.x, 0));
    const h = Math.max(0, Math.min(box.y + box.height, vp.height) - Math.max(box.y, 0));
    if (w * h < share * vp.width * vp.height) throw new Error(`the map covers ${Math.round((100 * w * h) / (vp.width * vp.height))}% of the first screen (${JSON.stringify(box)}), want ${share * 100}%`);
    if (size === "phone") {
      const coop = await page.evaluate(() => window.crimemap.map.cooperativeGestures.isEnabled());
      if (!coop) throw new Error("on a touch screen the map takes one-finger gestures: it traps the page's scrolling");
      if (await page.isVisible("#map-panel")) throw new Error("the filters cover the map before they are asked for");
    }
    // The no-JavaScript words are hidden once the map runs.
    if (await page.isVisible(".cm-map-nojs")) throw new Error("the no-JavaScript explanation shows while the map runs");
  }, opts);
}

// The whole country in view: the table's total is the month's mapped crimes.
await check("map-renders-month", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=boundaries,transport&z=4.50&ll=-3.00000,53.50000`));
  const total = await mapTotal(page);
  if (total !== cfg.mapped) throw new Error(`total in view ${total}, want ${cfg.mapped}`);
  // The crimes with no location are named beside it, and with the whole
  // country in view the two reconcile with the month's total.
  const un = (await page.textContent("#map-unmapped")).match(/^Not on the map: ([\d,]+) of the ([\d,]+) crimes? in .+ ha(?:s|ve) no location\.$/);
  if (!un) throw new Error(`unmapped line: ${await page.textContent("#map-unmapped")}`);
  const [unmapped, all] = [un[1], un[2]].map((s) => Number(s.replace(/,/g, "")));
  if (all - unmapped !== total) throw new Error(`${all} crimes less ${unmapped} with no location is not the ${total} on the map`);
  const rendered = await page.evaluate(() => window.crimemap.map.queryRenderedFeatures({ layers: ["crimes-badges"] }).length);
  if (rendered === 0) throw new Error("no crime badges drawn");
  await page.waitForSelector("#map-area a");
  const href = await page.getAttribute("#map-area a", "href");
  const res = await page.request.get(new URL(href, cfg.base).href);
  if (!href.includes("/forces/") || res.status() !== 200) throw new Error(`area link ${href}: ${res.status()}`);
});

// The British Transport Police switch adds and takes away the crimes it
// reported, badges and table alike.
await check("transport-layer", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=boundaries,transport&z=4.50&ll=-3.00000,53.50000`));
  if ((await mapTotal(page)) !== cfg.mapped) throw new Error("with British Transport Police on, the total is not the month's mapped crimes");
  await openDetails(page, "map-layers-details");
  await page.uncheck("#layer-transport");
  const want = cfg.mapped - cfg.transport;
  await page.waitForFunction((w) => document.querySelector("#map-total")?.textContent.replace(/,/g, "") === String(w), want, { timeout: 30000 })
    .catch(async () => { throw new Error(`without British Transport Police the total is ${await page.textContent("#map-total")}, want ${want}`); });
  const purple = await page.evaluate(() => window.crimemap.map.queryRenderedFeatures({ layers: ["crimes-badges"] })
    .filter((f) => f.layer.layout["icon-image"]?.toString?.() === "cm-badge-transport").length);
  if (purple) throw new Error(`${purple} British Transport Police badges drawn with the layer off`);
});

// The catchments layer: off at first, described by its hint, and turned on
// and off by mouse and by keyboard, each change announced.
await check("catchments-layer", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=boundaries&${at(cfg.point, 14)}`));
  await mapTotal(page);
  await openDetails(page, "map-layers-details");
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
  await settled(page);
});

await check("category-filter", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=boundaries,transport&z=4.50&ll=-3.00000,53.50000`));
  await mapTotal(page);
  await openDetails(page, "map-categories-details");
  await page.click("#cat-none");
  await page.check("#cat-burglary");
  await page.waitForFunction((want) => document.querySelector("#map-total")?.textContent.replace(/,/g, "") === String(want), cfg.burglary, { timeout: 30000 });
  const status = await page.textContent("#map-status");
  if (!status.includes(cfg.burglary.toLocaleString("en-GB"))) throw new Error(`live region says ${status}`);
  const summary = await page.textContent("#map-categories-summary");
  if (!/^1 of \d+$/.test(summary.trim())) throw new Error(`the categories' summary says "${summary}"`);
});

// Under the dots, a street map: with every category off the map is not
// blank, and a dot's street is among the named streets drawn.
for (const [size, opts] of [["desktop", {}], ["phone", { phone: true }]]) {
  await check(`basemap-streets-${size}`, async (page) => {
    await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=transport&${at(cfg.point, 15)}`));
    await mapTotal(page);
    const found = await page.evaluate(() => {
      const m = window.crimemap.map;
      const roadLayers = m.getStyle().layers.filter((l) => l.source === "basemap" && l["source-layer"] === "roads").map((l) => l.id);
      const roads = new Set(m.queryRenderedFeatures({ layers: roadLayers }).map((f) => f.properties.name).filter(Boolean));
      const dots = m.queryRenderedFeatures({ layers: ["crimes-hit"] }).map((f) => String(f.properties.location || "").replace(/^On or near /, ""));
      return { roads: [...roads], dots, onStreet: dots.filter((d) => roads.has(d)) };
    });
    if (!found.roads.length) throw new Error("no named road drawn at zoom 15");
    if (!found.onStreet.length) throw new Error(`no dot's street is drawn: dots on ${found.dots.join(", ")}; roads ${found.roads.join(", ")}`);
    await openDetails(page, "map-categories-details").catch(() => {});
    await page.evaluate(() => { for (const b of document.querySelectorAll('input[name="category"]')) b.checked = false; document.getElementById("map-controls").dispatchEvent(new Event("change")); });
    await page.waitForFunction(() => document.querySelector("#map-total")?.textContent === "0", null, { timeout: 30000 });
    await settled(page);
    const shot = await page.locator("#map").screenshot();
    const colours = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = "data:image/png;base64," + b64;
      await img.decode();
      const c = document.createElement("canvas");
      c.width = img.width; c.height = img.height;
      const g = c.getContext("2d");
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return seen.size;
    }, shot.toString("base64"));
    if (colours < 20) throw new Error(`with no crimes drawn the map has ${colours} colours: blank`);
  }, opts);
}

// A dot opens its crimes at the dot, inside the screen; Escape closes it.
for (const [size, opts] of [["desktop", {}], ["phone", { phone: true }]]) {
  await check(`dot-popup-${size}`, async (page) => {
    await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=transport&${at(cfg.point, 15)}`));
    await mapTotal(page);
    const vp = page.viewportSize();
    const dots = (await badgeBoxes(page)).filter((b) => b.crimes && b.x > 40 && b.x < vp.width - 40 && b.y > 150 && b.y < vp.height - 60);
    if (!dots.length) throw new Error("no snap point badge in view at zoom 15");
    await page.mouse.click(dots[0].x, dots[0].y);
    const sel = size === "phone" ? "#map-popup" : ".maplibregl-popup";
    await page.waitForSelector(`${sel} #map-popup-list li`, { timeout: 10000 });
    const text = await page.textContent(sel);
    if (!/On or near/.test(text) || !/crimes? in [A-Z][a-z]+ \d{4}/.test(text)) throw new Error(`popup: ${text}`);
    const box = await page.locator(sel).boundingBox();
    if (box.x < 0 || box.y < 0 || box.x + box.width > vp.width + 1 || box.y + box.height > vp.height + 1) throw new Error(`the popup ${JSON.stringify(box)} is not inside the ${vp.width}×${vp.height} screen`);
    if (!(await page.isVisible(`${sel} .cm-popup__close`))) throw new Error("the popup has no close button");
    await page.screenshot({ path: `${cfg.artifacts}/dot-popup-${size}-open.png` });
    await page.keyboard.press("Escape");
    await page.waitForFunction((s) => !document.querySelector(s) || document.querySelector(s).hidden, sel, { timeout: 5000 })
      .catch(() => { throw new Error("Escape did not close the popup"); });
  }, opts);
}

// A cluster zooms in when clicked or tapped.
for (const [size, opts] of [["desktop", {}], ["phone", { phone: true }]]) {
  await check(`cluster-click-zooms-${size}`, async (page) => {
    await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=transport&${at(cfg.point, 9)}`));
    await mapTotal(page);
    const vp = page.viewportSize();
    const left = size === "phone" ? 40 : 450;
    const clusters = (await badgeBoxes(page)).filter((b) => !b.crimes && b.x > left && b.x < vp.width - 60 && b.y > 180 && b.y < vp.height - 60);
    if (!clusters.length) throw new Error("no cluster badge in view at zoom 9");
    const before = await page.evaluate(() => window.crimemap.map.getZoom());
    if (size === "phone") await page.touchscreen.tap(clusters[0].x, clusters[0].y);
    else await page.mouse.click(clusters[0].x, clusters[0].y);
    await page.waitForFunction((z) => window.crimemap.map.getZoom() > z + 0.5, before, { timeout: 10000 })
      .catch(async () => { throw new Error(`zoom stayed ${await page.evaluate(() => window.crimemap.map.getZoom())}`); });
  }, opts);
}

// No two badges overlap at any zoom, each is as wide as its number, and
// counts stay from zoom 14 up.
for (const [size, opts] of [["desktop", {}], ["phone", { phone: true }]]) {
await check(`badges-do-not-collide-${size}`, async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=transport&${at(cfg.point, 6)}`));
  await mapTotal(page);
  for (const z of [5, 7, 9, 11, 12.5, 13.5, 14, 15, 16.5]) {
    await page.evaluate((z) => window.crimemap.map.jumpTo({ zoom: z }), z);
    await settled(page);
    await page.waitForTimeout(400);
    const bs = await badgeBoxes(page);
    if (!bs.length) throw new Error(`no badges at zoom ${z}`);
    for (const b of bs) {
      const textWidth = await page.evaluate((t) => { const g = document.createElement("canvas").getContext("2d"); g.font = "bold 12px sans-serif"; return g.measureText(t).width; }, b.text);
      if (b.side < textWidth) throw new Error(`at zoom ${z} the badge of ${b.text} is ${b.side.toFixed(1)} px across, narrower than its number (${textWidth.toFixed(1)} px)`);
      if (!b.text || b.text === "0") throw new Error(`at zoom ${z} a badge has no count`);
    }
    for (let i = 0; i < bs.length; i++) {
      for (let j = i + 1; j < bs.length; j++) {
        const a = bs[i], b = bs[j], half = (a.side + b.side) / 2 - 1;
        if (Math.abs(a.x - b.x) < half && Math.abs(a.y - b.y) < half) {
          throw new Error(`at zoom ${z} badges ${a.text} and ${b.text} overlap at (${a.x.toFixed(0)}, ${a.y.toFixed(0)}) and (${b.x.toFixed(0)}, ${b.y.toFixed(0)})`);
        }
      }
    }
  }
}, opts);
}

// A force's month that was not published is hatched and named, on the map
// and in the status line.
for (const [size, opts] of [["desktop", {}], ["phone", { phone: true }]]) {
await check(`unpublished-force-month-${size}`, async (page) => {
  await page.goto(mapURL(`m=${cfg.gapMonth}`));
  await mapTotal(page);
  const want = `${cfg.gapForce} did not publish`;
  const labels = await page.evaluate(() => window.crimemap.map.queryRenderedFeatures({ layers: ["gaps-label"] }).map((f) => f.layer.layout["text-field"].toString()));
  const hatched = await page.evaluate(() => window.crimemap.map.queryRenderedFeatures({ layers: ["gaps-fill"] }).length);
  if (!hatched) throw new Error("the force's area is not hatched");
  if (!labels.some((l) => l.includes(want))) throw new Error(`labels drawn: ${JSON.stringify(labels)}, want "${want} …"`);
  const status = await page.textContent("#map-status");
  if (!status.includes(want)) throw new Error(`the status line says "${status}"`);
  const option = await page.textContent("#map-month option:checked");
  if (!/incomplete/.test(option)) throw new Error(`the month's option "${option}" does not say it is incomplete`);
}, opts);
}

// The keyboard reaches the dots at every zoom: zoomed out, the list's
// clusters zoom in; zoomed in, its places open their crimes, and Escape
// gives focus back.
await check("keyboard-path", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=transport&${at(cfg.point, 9)}`));
  await mapTotal(page);
  await page.waitForSelector("#map-points button", { timeout: 30000 });
  const first = await page.textContent("#map-points button");
  if (!/zoom in$/.test(first)) throw new Error(`at zoom 9 the list's first entry is "${first}", want a cluster to zoom in to`);
  const z0 = await page.evaluate(() => window.crimemap.map.getZoom());
  await page.focus("#map-points button");
  await page.keyboard.press("Enter");
  await page.waitForFunction((z) => window.crimemap.map.getZoom() > z + 1, z0, { timeout: 10000 });
  await settled(page);
  await page.waitForFunction(() => document.activeElement?.closest("#map-points"), null, { timeout: 10000 })
    .catch(() => { throw new Error("after zooming in, focus is not back on the list"); });
  await page.evaluate((pt) => window.crimemap.map.jumpTo({ center: pt, zoom: 15 }), cfg.point);
  await settled(page);
  await page.waitForFunction(() => [...document.querySelectorAll("#map-points button")].some((b) => !/zoom in$/.test(b.textContent)), null, { timeout: 30000 });
  const place = page.locator("#map-points button", { hasNotText: "zoom in" }).first();
  await place.focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector(".maplibregl-popup #map-popup-list li");
  const focused = await page.evaluate(() => document.activeElement?.id);
  if (focused !== "map-popup-body") throw new Error(`focus on ${focused}, want the popup`);
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector(".maplibregl-popup"), null, { timeout: 5000 });
  const back = await page.evaluate(() => document.activeElement?.closest("#map-points") !== null);
  if (!back) throw new Error("focus did not go back to the list after Escape");
});

// On a phone the controls open in a sheet over the map and close again,
// focus moving in and back.
await check("filters-sheet-phone", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}`));
  await mapTotal(page);
  if (await page.isVisible("#map-panel")) throw new Error("the panel shows before Filters is pressed");
  await page.click("#map-filters");
  await page.waitForSelector("#map-panel", { state: "visible" });
  if ((await page.getAttribute("#map-filters", "aria-expanded")) !== "true") throw new Error("Filters does not say it is expanded");
  if ((await page.evaluate(() => document.activeElement?.id)) !== "map-panel-heading") throw new Error("focus did not move into the sheet");
  await page.screenshot({ path: `${cfg.artifacts}/filters-sheet-phone-open.png` });
  await page.keyboard.press("Escape");
  await page.waitForSelector("#map-panel", { state: "hidden" });
  if ((await page.evaluate(() => document.activeElement?.id)) !== "map-filters") throw new Error("focus did not go back to Filters");
}, { phone: true });

// The map's search moves the map to a postcode and marks it.
await check("map-search-postcode", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}`));
  await mapTotal(page);
  await page.fill("#map-q", cfg.postcode.toLowerCase());
  await page.press("#map-q", "Enter");
  await page.waitForSelector(".cm-postcode-marker", { timeout: 10000 });
  await settled(page);
  const c = await page.evaluate(() => { const m = window.crimemap.map; const c = m.getCenter(); return [c.lng, c.lat, m.getZoom()]; });
  if (Math.abs(c[0] - cfg.postcodeAt[0]) > 1e-4 || Math.abs(c[1] - cfg.postcodeAt[1]) > 1e-4 || c[2] < 14) throw new Error(`the map is at ${c}, want ${cfg.postcodeAt} close up`);
  const marker = await page.locator(".cm-postcode-marker").boundingBox();
  if (marker.width > 150) throw new Error(`the postcode's marker is ${marker.width} px wide`);
  const said = await page.textContent("#map-search-result");
  if (!said.includes(cfg.postcode)) throw new Error(`the search says "${said}"`);
});

// Without JavaScript the map page explains itself and links every way to
// the figures, with none of the controls that cannot work.
for (const [size, opts] of [["desktop", { noJS: true }], ["phone", { noJS: true, phone: true }]]) {
  await check(`map-without-javascript-${size}`, async (page) => {
    await page.goto(new URL("map/", cfg.base).href);
    if (!(await page.isVisible(".cm-map-nojs"))) throw new Error("no explanation without JavaScript");
    for (const href of ["forces/", "neighbourhoods/", "data/"]) {
      if (!(await page.locator(`.cm-map-nojs a[href$="${href}"]`).count())) throw new Error(`no link to ${href}`);
    }
    for (const sel of ["#map", "#map-controls", "#map-search", "#map-filters", "#map-table"]) {
      if (await page.isVisible(sel)) throw new Error(`${sel} shows without JavaScript`);
    }
  }, opts);
}

// --map-style: a configured MapLibre style gets our layers on top, the
// hatching of unpublished months included. The page is served as a build
// with --map-style would write it, naming a same-origin style.
await check("map-configured-style", async (page) => {
  await page.route("**/map/", async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace('data-style=""', 'data-style="../test-style.json"');
    await route.fulfill({ response: res, body });
  });
  await page.route("**/test-style.json", (route) => route.fulfill({ contentType: "application/json",
    body: JSON.stringify({ version: 8, sources: {}, layers: [{ id: "bg", type: "background", paint: { "background-color": "#dddddd" } }] }) }));
  await page.goto(mapURL(`m=${cfg.gapMonth}`));
  const total = await mapTotal(page);
  if (!total) throw new Error("no crimes in view over a configured style");
  const hatched = await page.evaluate(() => window.crimemap.map.queryRenderedFeatures({ layers: ["gaps-fill"] }).length);
  if (!hatched) throw new Error("the unpublished force is not hatched over a configured style");
  if (await page.evaluate(() => !!window.crimemap.map.getLayer("background"))) throw new Error("the site's own basemap was used, not the configured style");
});

await check("shared-url-restores-view", async (page) => {
  const hash = `m=${cfg.firstMonth}&c=burglary,robbery&l=stops&${at(cfg.point, 9)}`;
  await page.goto(mapURL(hash));
  await mapTotal(page);
  const month = await page.inputValue("#map-month");
  const checked = await page.$$eval('input[name="category"]:checked', (bs) => bs.map((b) => b.value));
  const stops = await page.isChecked("#layer-stops");
  const transport = await page.isChecked("#layer-transport");
  const zoom = await page.evaluate(() => window.crimemap.map.getZoom());
  if (month !== cfg.firstMonth || checked.join(",") !== "burglary,robbery" || !stops || transport || Math.abs(zoom - 9) > 0.01) {
    throw new Error(`restored ${month} ${checked} stops=${stops} transport=${transport} zoom=${zoom}`);
  }
});

const shape = cfg.rectangle.map(([x, y]) => `${x.toFixed(5)},${y.toFixed(5)}`).join(";");
await check("drawn-area-from-url", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=transport&${at(cfg.point, 13)}&d=${shape}`));
  await mapTotal(page);
  await page.waitForFunction((want) => document.querySelector("#draw-total")?.textContent.replace(/,/g, "") === String(want), cfg.inRectangle, { timeout: 30000 })
    .catch(async () => { throw new Error(`drawn total ${await page.textContent("#draw-total").catch(() => "none")}, want ${cfg.inRectangle}`); });
});

await check("drawn-area-by-mouse", async (page) => {
  await page.goto(mapURL(`m=${cfg.month}&c=${allCats}&l=transport&${at(cfg.point, 13)}`));
  await mapTotal(page);
  // Fit the rectangle in the map, then draw it corner by corner.
  await page.evaluate((ring) => window.crimemap.map.fitBounds([ring[0], ring[2]], { padding: 60, animate: false }), cfg.rectangle);
  await settled(page);
  await page.click("#draw-area");
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

// No page asks for anything that is not there, the icons included; the
// 404 page itself is the one expected failure.
for (const p of cfg.requestedPages) {
  const url = new URL(p, cfg.base).href;
  await check("requests-" + (p.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home"), async (page) => {
    const res = await page.goto(url);
    if (p.startsWith("no-such-page")) {
      if (res.status() !== 404) throw new Error(`a missing page answers ${res.status()}`);
    } else if (res.status() !== 200) throw new Error(`${url}: ${res.status()}`);
    if (p.startsWith("map/")) await mapTotal(page);
    await page.waitForLoadState("networkidle");
    const icon = await page.getAttribute('link[rel="icon"]', "href");
    const r = icon && (await page.request.get(new URL(icon, url).href));
    if (!r || r.status() !== 200) throw new Error(`the page's icon ${icon}: ${r && r.status()}`);
    const ico = await page.request.get(new URL("/favicon.ico", url).href);
    if (ico.status() !== 200 || (await ico.body()).readUInt16LE(2) !== 1) throw new Error(`/favicon.ico: ${ico.status()}`);
  }, { allow404: p.startsWith("no-such-page") ? url : undefined });
}

async function axe(page) {
  // Evaluated through the DevTools protocol, as the policy forbids the
  // page itself to run an inline script.
  await page.evaluate(axeSource);
  const r = await page.evaluate(async () => await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] }));
  const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length) throw new Error(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target}`).join("; "));
}

for (const p of cfg.axePages) {
  await check("axe-" + (p.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home"), async (page) => {
    await page.goto(new URL(p, cfg.base).href);
    if (/(^|\/)map\/$/.test(p)) {
      await mapTotal(page);
      await openDetails(page, "map-categories-details");
      await openDetails(page, "map-layers-details");
    }
    await axe(page);
  });
}
// On a phone, the map page with its filters sheet open and with a place's
// crimes in the bottom sheet.
for (const p of cfg.axePhonePages) {
  await check("axe-phone-" + (p.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home"), async (page) => {
    await page.goto(new URL(p, cfg.base).href);
    if (/(^|\/)map\/$/.test(p)) {
      await mapTotal(page);
      await page.click("#map-filters");
      await openDetails(page, "map-categories-details");
      await axe(page);
      await page.click("#map-panel-close");
      await page.evaluate((pt) => window.crimemap.map.jumpTo({ center: pt, zoom: 15 }), cfg.point);
      await settled(page);
      await page.waitForFunction(() => [...document.querySelectorAll("#map-points button")].some((b) => b.dataset.kind === "place"), null, { timeout: 30000 });
      await page.evaluate(() => [...document.querySelectorAll("#map-points button")].find((b) => b.dataset.kind === "place").click());
      await page.waitForSelector("#map-popup #map-popup-list li");
    }
    await axe(page);
  }, { phone: true });
}

// More checks, one module a page kind in checks/, each exporting a
// function that takes the helpers above.
const checks = new URL("./checks/", import.meta.url);
for (const f of readdirSync(checks).filter((f) => f.endsWith(".mjs")).sort()) {
  const run = (await import(new URL(f, checks))).default;
  await run({ check, cfg, mapURL, mapTotal, settled, openDetails, axe });
}

await browser.close();
console.log(JSON.stringify(results));
