// Search that never dead-ends: a full postcode in any case and spacing,
// an outward code, an uncovered postcode, and the way by postcode
// district without JavaScript; axe on the pages searching leads through.
export default async ({ check, cfg, axe }) => {
  const outward = cfg.postcode.split(" ")[0];
  const odd = "  " + cfg.postcode.toLowerCase().replace(/\s+/g, "") + " ";
  const sizes = [["desktop", {}], ["phone", { phone: true }]];
  const landed = (u) => u.pathname.endsWith(cfg.postcodePath);
  // The site has no shard for a postcode district it does not cover: the
  // one request expected to fail.

  for (const [size, opts] of sizes) {
    // From the home page, the postcode in odd case and spacing lands on
    // its neighbourhood's page, naming the postcode for the page's map.
    await check(`search-full-postcode-odd-case-${size}`, async (page) => {
      await page.goto(cfg.base);
      await page.fill("#q", odd);
      await Promise.all([page.waitForURL(landed, { timeout: 15000 }), page.press("#q", "Enter")]);
      const got = new URL(page.url()).searchParams.get("postcode");
      if (got !== cfg.postcode) throw new Error(`landed on ${page.url()}, want ?postcode=${cfg.postcode}`);
    }, opts);

    // An outward code lists the neighbourhoods of its postcodes, the
    // postcode's own among them.
    await check(`search-outward-code-${size}`, async (page) => {
      await page.goto(new URL("search/?q=" + encodeURIComponent(outward.toLowerCase()), cfg.base).href);
      await page.waitForSelector("#search-district", { timeout: 15000 });
      const heading = await page.textContent("#search-district");
      if (!heading.includes(outward)) throw new Error(`the results say "${heading}"`);
      const hrefs = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
      if (!hrefs.some((h) => h.endsWith(cfg.postcodePath))) throw new Error(`${outward} lists ${hrefs}, not ${cfg.postcodePath}`);
      if (/Nothing matches/.test(await page.textContent("#search-results"))) throw new Error("says nothing matches");
      // The note for pages without JavaScript is hidden while it runs.
      if (await page.isVisible(".cm-search-nojs")) throw new Error("the no-JavaScript note shows with JavaScript");
    }, opts);

    // A partial postcode ("BL1 1") lists the neighbourhoods of the
    // postcodes that start with it.
    await check(`search-partial-postcode-${size}`, async (page) => {
      const partial = cfg.postcode.slice(0, cfg.postcode.indexOf(" ") + 2);
      await page.goto(new URL("search/", cfg.base).href);
      await page.fill("#q", partial);
      await page.press("#q", "Enter");
      await page.waitForSelector("#search-district", { timeout: 15000 });
      const hrefs = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
      if (!hrefs.some((h) => h.endsWith(cfg.postcodePath))) throw new Error(`${partial} lists ${hrefs}, not ${cfg.postcodePath}`);
    }, opts);

    // A postcode outside the covered forces says which forces the site
    // covers, and the lists it points to are on the page.
    await check(`search-uncovered-postcode-${size}`, async (page) => {
      await page.goto(new URL("search/", cfg.base).href);
      await page.fill("#q", "SW1A 1AA");
      await page.press("#q", "Enter");
      await page.waitForSelector("#search-uncovered", { timeout: 15000 });
      const said = await page.textContent("#search-results");
      if (!/not in the areas this site covers/.test(said)) throw new Error(`the results say "${said}"`);
      for (const sel of ["#covered-forces", "#browse", 'nav[aria-label="Neighbourhoods by first letter"]']) {
        if (!(await page.isVisible(sel))) throw new Error(`no ${sel} on the page`);
      }
      const forces = await page.locator("#covered-forces + p + ul a").count();
      if (forces < 2) throw new Error(`the page lists ${forces} forces`);
      await page.click('#search-results a[href="#covered-forces"]');
      await page.screenshot({ path: `${cfg.artifacts}/search-uncovered-postcode-${size}-lists.png` });
    }, opts);

    // Without JavaScript the page says searching needs it, and the
    // postcode districts lead to the neighbourhood by links alone.
    await check(`search-postcode-districts-no-js-${size}`, async (page) => {
      await page.goto(new URL("search/", cfg.base).href);
      if (!(await page.isVisible(".cm-search-nojs"))) throw new Error("no note that searching needs JavaScript");
      await page.click('.cm-search-nojs a[href$="postcodes/"]');
      const area = outward.match(/^[A-Z]+/)[0];
      await page.click(`main ul a:text-is("${area}")`);
      await page.waitForURL((u) => u.pathname.endsWith(`/postcodes/${area.toLowerCase()}/`));
      const link = page.locator(`h2#district-${outward.toLowerCase()} + ul a[href$="${cfg.postcodePath}"]`);
      if (!(await link.count())) throw new Error(`district ${outward} does not link ${cfg.postcodePath}`);
      await link.first().click();
      await page.waitForURL(landed);
      await page.goto(new URL(`postcodes/${area.toLowerCase()}/`, cfg.base).href);
    }, { ...opts, noJS: true });

    // The pages of finding an area, with a search shown, at each size.
    for (const p of ["", "search/?q=" + encodeURIComponent(outward), "search/?q=SW1A%201AA", "postcodes/", `postcodes/${outward.match(/^[A-Z]+/)[0].toLowerCase()}/`, "data/", "compare/"]) {
      const name = p.replace(/\?q=/, "-").replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase() || "home";
      await check(`search-axe-${name}-${size}`, async (page) => {
        await page.goto(new URL(p, cfg.base).href);
        if (p.startsWith("search/?q=")) await page.waitForSelector("#search-results h2", { timeout: 15000 });
        await axe(page);
      }, opts);
    }
  }
};
