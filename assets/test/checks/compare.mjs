// Compare that means what it says: rows without a figure sort last both
// ways, the first click on a number sorts highest first, and the sorted
// column shows its direction; on a phone the table scrolls in its own
// region, which the keyboard reaches.
export default async ({ check, cfg }) => {
  // column reads a column's sort values in the table's order: a number,
  // or null for a row without a figure.
  const column = (page, i) => page.$$eval("table.cm-sortable tbody tr", (rows, i) => rows.map((r) => {
    const v = r.children[i].dataset.value;
    return v === "" || v === undefined ? null : Number(v);
  }), i);
  const headerIndex = (page, text) => page.$$eval("table.cm-sortable thead th", (ths, text) => ths.findIndex((th) => th.textContent.includes(text)), text);

  for (const [size, opts] of [["desktop", {}], ["phone", { phone: true }]]) {
    await check(`compare-sort-dashes-last-${size}`, async (page) => {
      await page.goto(new URL("compare/", cfg.base).href);
      const col = await headerIndex(page, "Per 1,000 residents");
      const button = page.locator("table.cm-sortable thead th").nth(col).locator("button");
      const th = page.locator("table.cm-sortable thead th").nth(col);
      const before = await column(page, col);
      if (!before.includes(null) || before.every((v) => v === null)) throw new Error(`the sample should have rates and dashes: ${before}`);
      const figures = before.filter((v) => v !== null).length;
      for (const [want, cmp] of [["descending", (a, b) => a >= b], ["ascending", (a, b) => a <= b]]) {
        await button.click();
        const sort = await th.getAttribute("aria-sort");
        if (sort !== want) throw new Error(`aria-sort is ${sort}, want ${want}`);
        const arrow = (await th.locator(".cm-sort-arrow").textContent()).trim();
        if (arrow !== (want === "ascending" ? "▲" : "▼")) throw new Error(`the arrow reads "${arrow}" for ${want}`);
        const vals = await column(page, col);
        if (vals.slice(figures).some((v) => v !== null) || vals.slice(0, figures).some((v) => v === null)) {
          throw new Error(`${want}: dashes are not last: ${vals}`);
        }
        for (let i = 1; i < figures; i++) {
          if (!cmp(vals[i - 1], vals[i])) throw new Error(`${want}: out of order at ${i}: ${vals}`);
        }
        await page.screenshot({ path: `${cfg.artifacts}/compare-sort-dashes-last-${size}-${want}.png` });
      }
      // Only the sorted column says it is sorted.
      const others = await page.$$eval("table.cm-sortable thead th[aria-sort]", (ths, col) => ths.filter((th, i) => th.cellIndex !== col && th.getAttribute("aria-sort") !== "none").length, col);
      if (others) throw new Error(`${others} other columns say they are sorted`);
      // A text column sorts A to Z first.
      const force = page.locator("table.cm-sortable thead th").first();
      await force.locator("button").click();
      if ((await force.getAttribute("aria-sort")) !== "ascending") throw new Error("the first click on Force does not sort A to Z");
    }, opts);
  }

  await check("compare-table-scrolls-phone", async (page) => {
    await page.goto(new URL("compare/", cfg.base).href);
    const wrap = page.locator(".cm-table-wrap").first();
    const [role, tab, label] = await Promise.all(["role", "tabindex", "aria-label"].map((a) => wrap.getAttribute(a)));
    if (role !== "region" || tab !== "0" || !label) throw new Error(`the wrapper is role=${role} tabindex=${tab} aria-label=${label}`);
    const vp = page.viewportSize();
    const box = await wrap.boundingBox();
    if (box.x + box.width > vp.width + 1) throw new Error(`the wrapper is ${box.width} px wide from ${box.x}, wider than the ${vp.width} px screen`);
    const sw = await wrap.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    if (sw[0] <= sw[1]) return; // fits: nothing to scroll
    await wrap.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    // Arrow keys scroll smoothly: wait for it rather than read at once.
    await wrap.evaluate((el) => new Promise((resolve, reject) => {
      const t0 = performance.now();
      const poll = () => (el.scrollLeft > 0 ? resolve() : performance.now() - t0 > 5000 ? reject(new Error("the keyboard does not scroll the table")) : requestAnimationFrame(poll));
      poll();
    }));
    const page0 = await page.evaluate(() => document.scrollingElement.scrollWidth);
    if (page0 > vp.width + 1) throw new Error(`the page is ${page0} px wide on a ${vp.width} px screen`);
  }, { phone: true });
};
