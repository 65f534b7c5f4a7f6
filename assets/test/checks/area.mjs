// Area pages: the map of the area and the neighbourhood team on a phone's
// first screens, the postcode a search brought the visitor from named and
// marked, no serious accessibility finding, and a brief that prints on one
// sheet of A4.
import { writeFileSync } from "node:fs";

export default async ({ check, cfg, axe }) => {
  const nbhd = new URL(cfg.postcodePath, cfg.base).href;
  const force = new URL(cfg.postcodePath.split("/").slice(0, 2).join("/") + "/", cfg.base).href;

  for (const [size, opts] of [["desktop", {}], ["phone", { phone: true }]]) {
    await check(`area-first-screens-${size}`, async (page) => {
      await page.goto(nbhd);
      const at = await page.evaluate(() => {
        const top = (sel) => { const e = document.querySelector(sel); return e ? e.getBoundingClientRect().top + scrollY : null; };
        const map = document.querySelector("svg.cm-areamap");
        return { map: top("svg.cm-areamap"), mapBottom: map ? map.getBoundingClientRect().bottom + scrollY : null,
          mapWidth: map ? map.getBoundingClientRect().width : 0, team: top("#team") ?? top("#contact"), screen: innerHeight };
      });
      if (at.map === null) throw new Error("no area map");
      if (at.team === null) throw new Error("no neighbourhood team or contact on the page");
      if (at.mapBottom > at.screen * 2) throw new Error(`the map ends at ${Math.round(at.mapBottom)} px, past the first two screens of ${at.screen}`);
      if (at.team > at.screen * 2) throw new Error(`the team starts at ${Math.round(at.team)} px, past the first two screens of ${at.screen}`);
      if (size === "phone" && at.mapWidth < 300) throw new Error(`the map is ${at.mapWidth} px wide on a phone`);
      // The first two screens, to look at.
      await page.screenshot({ path: `${cfg.artifacts}/area-first-screens-${size}-two.png`, fullPage: true,
        clip: { x: 0, y: 0, width: page.viewportSize().width, height: at.screen * 2 } });
    }, opts);

    await check(`area-postcode-${size}`, async (page) => {
      // As a visitor might type it: lower case, no space.
      const typed = cfg.postcode.toLowerCase().replace(/\s+/g, "");
      await page.goto(nbhd + "?postcode=" + encodeURIComponent(typed));
      await page.waitForFunction((pc) => document.querySelector("#postcode-notice")?.textContent.includes(pc), cfg.postcode, { timeout: 10000 });
      const said = await page.textContent("#postcode-notice");
      if (!said.includes(`Your postcode ${cfg.postcode} is in this area`)) throw new Error(`the notice says "${said}"`);
      const marker = await page.evaluate(() => {
        const svg = document.querySelector("svg.cm-areamap");
        const g = svg?.querySelector(".cm-areamap-postcode");
        if (!g) return null;
        const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(g.getAttribute("transform"));
        const vb = svg.viewBox.baseVal;
        return { x: +m[1], y: +m[2], w: vb.width, h: vb.height };
      });
      if (!marker) throw new Error("no marker on the map");
      if (marker.x < 0 || marker.y < 0 || marker.x > marker.w || marker.y > marker.h) throw new Error(`the marker is outside the map: ${JSON.stringify(marker)}`);
      // Another area's page does not claim the postcode.
      await page.goto(force + "?postcode=" + encodeURIComponent(typed));
      await page.waitForTimeout(500);
      if ((await page.textContent("#postcode-notice")).trim() !== "") throw new Error("the force's page claims a neighbourhood's postcode");
      // Markup in the query is never markup on the page.
      await page.goto(nbhd + "?postcode=" + encodeURIComponent("<img src=x onerror=alert(1)>"));
      await page.waitForTimeout(300);
      if (await page.$("#postcode-notice img")) throw new Error("the query's markup reached the page");
    }, opts);

    for (const [kind, url] of [["force", force], ["neighbourhood", nbhd]]) {
      await check(`area-axe-${kind}-${size}`, async (page) => {
        await page.goto(url);
        await axe(page);
      }, opts);
    }
  }

  await check("area-brief-prints-on-one-a4-page", async (page) => {
    await page.goto(new URL("brief/", nbhd).href);
    await page.emulateMedia({ media: "print" });
    if (!(await page.$("svg.cm-areamap"))) throw new Error("no map on the brief");
    const qr = await page.$("img.cm-qr");
    if (qr && !(await qr.evaluate((i) => i.complete && i.naturalWidth > 0))) throw new Error("the QR code did not load");
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(`${cfg.artifacts}/area-brief.pdf`, pdf);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    if (pages !== 1) throw new Error(`the brief prints on ${pages} A4 pages`);
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi, for the screenshot
  });
};
