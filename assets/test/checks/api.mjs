// The static API from a web page of another origin, as a browser app
// elsewhere reads the live API: the live paths and queries answer through
// the site's rewrite rules, with CORS, while the site's pages stay its own.
export default async ({ check, cfg }) => {
  await check("api-from-another-origin", async (page) => {
    await page.goto(cfg.otherOrigin);
    const got = await page.evaluate(async ({ base, month }) => {
      const read = async (path) => {
        const r = await fetch(new URL(path, base));
        if (!r.ok) throw new Error(`${path}: ${r.status}`);
        return r.json();
      };
      const forces = await read("api/forces");
      const force = forces[0].id;
      const stops = await read(`api/stops-force?force=${force}&date=${month}`);
      const nbhds = await read(`api/${force}/neighbourhoods`);
      // A page is not shared with other origins: the browser refuses it.
      let pageRead = true;
      try {
        await fetch(base);
      } catch {
        pageRead = false;
      }
      return { forces: forces.length, force, stops: Array.isArray(stops), nbhds: nbhds.length, pageRead };
    }, { base: cfg.base, month: cfg.month });
    if (got.forces === 0 || got.nbhds === 0 || !got.stops) throw new Error(`read ${JSON.stringify(got)}`);
    if (got.pageRead) throw new Error("a page of the site was readable from another origin");
  }, { allowFailed: cfg.base });
};
