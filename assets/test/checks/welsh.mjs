// The Welsh site as a reader meets it: the map's controls, live messages
// and popups in Welsh once its scripts have run (cfg.englishPhrases are
// the English catalogue's phrases that Welsh says differently, none of
// which may show), and the language switch keeping the map's view.

// shown is what a reader meets on the page now in its own language: its
// rendered text and the labels a screen reader reads out, less the parts
// marked lang="en" (the police's own English, as the reference data gives
// it).
const shown = (page) => page.evaluate(() => {
  const english = (e) => e.closest("[lang]:not(html)")?.getAttribute("lang") === "en";
  const body = document.body.cloneNode(true);
  body.querySelectorAll('[lang="en"]').forEach((e) => e.remove());
  // innerText needs the element in the document to lay it out.
  body.hidden = false;
  document.documentElement.append(body);
  const text = body.innerText;
  body.remove();
  const labels = [...document.querySelectorAll("[aria-label],[title],[alt],[placeholder]")].filter((e) => !english(e))
    .map((e) => ["aria-label", "title", "alt", "placeholder"].map((a) => e.getAttribute(a) || "").join("\n"));
  return text + "\n" + labels.join("\n");
});

// hasWords reports whether text holds phrase as whole words: not
// "neighbourhood of" inside "neighbourhood officers".
const hasWords = (text, phrase) =>
  new RegExp(`(^|[^\\p{L}\\p{N}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}])`, "u").test(text);

async function noEnglish(page, where, cfg) {
  const text = (await shown(page)).replace(/\s+/g, " ");
  const found = cfg.englishPhrases.filter((p) => hasWords(text, p));
  if (found.length) throw new Error(`${where} shows English: ${found.slice(0, 8).map((s) => JSON.stringify(s)).join(", ")}`);
}

export default async ({ check, cfg, mapTotal, settled }) => {
  const view = `m=${cfg.month}&z=4.50&ll=-3.00000,53.50000`;

  for (const [size, opts] of [["desktop", {}], ["phone", { phone: true }]]) {
    await check(`welsh-map-${size}`, async (page) => {
      await page.goto(new URL("cy/map/#" + view, cfg.base).href);
      await mapTotal(page);
      if ((await page.getAttribute("html", "lang")) !== "cy") throw new Error("the Welsh map page is not lang=cy");
      if (size === "phone") await page.click("#map-filters");
      await noEnglish(page, "the Welsh map", cfg);
      // A place's crimes, in the popup (desktop) or the bottom sheet (phone).
      if (size === "phone") await page.click("#map-panel-close");
      await page.evaluate((pt) => window.crimemap.map.jumpTo({ center: pt, zoom: 15 }), cfg.point);
      await settled(page);
      await page.waitForFunction(() => [...document.querySelectorAll("#map-points button")].some((b) => b.dataset.kind === "place"), null, { timeout: 30000 });
      await page.evaluate(() => [...document.querySelectorAll("#map-points button")].find((b) => b.dataset.kind === "place").click());
      await page.waitForSelector(".maplibregl-popup #map-popup-list li, #map-popup #map-popup-list li", { timeout: 30000 });
      await noEnglish(page, "the Welsh map with a popup open", cfg);
      const popup = await page.textContent(size === "phone" ? "#map-popup" : ".maplibregl-popup");
      if (!/trosedd|Trosedd/.test(popup)) throw new Error(`the popup does not count crimes in Welsh: ${popup.slice(0, 200)}`);
    }, opts);
  }

  // The switch leads to the same page in the other language, and on the
  // map to the same view, and back.
  await check("welsh-switch-keeps-view", async (page) => {
    await page.goto(new URL("map/#" + view, cfg.base).href);
    await mapTotal(page);
    const before = new URL(page.url()).hash;
    await page.click(".cm-lang-switch");
    await page.waitForURL(/\/cy\/map\//);
    await mapTotal(page);
    if (new URL(page.url()).hash !== before) throw new Error(`the Welsh map opened at ${new URL(page.url()).hash}, want ${before}`);
    if ((await page.getAttribute("html", "lang")) !== "cy") throw new Error("the switch did not lead to the Welsh page");
    await page.click(".cm-lang-switch");
    await page.waitForURL((u) => !u.pathname.includes("/cy/"));
    if (new URL(page.url()).hash !== before) throw new Error(`back in English at ${new URL(page.url()).hash}, want ${before}`);
    // And on an ordinary page, to its twin.
    await page.goto(new URL("forces/cumbria/", cfg.base).href);
    await page.click(".cm-lang-switch");
    await page.waitForURL(/\/cy\/forces\/cumbria\/$/);
  });

  // Every other kind of Welsh page, without JavaScript, at desktop and
  // phone sizes: no English phrase of the catalogue shows.
  const kinds = ["cy/", "cy/forces/cumbria/", "cy/" + cfg.postcodePath, "cy/neighbourhoods/", "cy/compare/",
    "cy/search/", "cy/data/", "cy/api/", "cy/faq/", "cy/data/build-report/", "cy/no-such-page/"];
  for (const p of kinds) {
    for (const [size, phone] of [["desktop", false], ["phone", true]]) {
      const name = "welsh-page-" + p.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") + (phone ? "-phone" : "");
      await check(name, async (page) => {
        await page.goto(new URL(p, cfg.base).href);
        await noEnglish(page, p, cfg);
      }, { noJS: true, phone, allow404: new URL("cy/no-such-page/", cfg.base).href });
    }
  }
};
