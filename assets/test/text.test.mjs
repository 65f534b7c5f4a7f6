// Unit tests of the scripts' messages (assets/js/text.js) and of the
// catalogue they read, without a browser:
//
//   node --test assets/test/text.test.mjs
//
// The Welsh plural forms are chosen by Intl.PluralRules, as on the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { home, html, lang, nodes, number, raw, setMessages, t } from "../js/text.js";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const catalogue = (l) => JSON.parse(readFileSync(here(`../../content/messages/${l}/js.json`), "utf8"));
const en = catalogue("en"), cy = catalogue("cy");

test("a text's placeholders are filled, numbers as counts", () => {
  setMessages({ lang: "en", messages: { hi: "{a} has {b} of {c}", brace: "{{not}} {x}}}" } });
  assert.equal(t("hi", { a: "Bolton", b: 1234, c: "2025" }), "Bolton has 1,234 of 2025");
  assert.equal(t("brace", { x: 1 }), "{not} 1}");
  assert.equal(t("hi", { a: "A" }), "A has {b} of {c}");
  assert.equal(lang(), "en");
});

test("a missing message shows its key and warns once", (ctx) => {
  setMessages({ lang: "en", messages: {} });
  const warn = ctx.mock.method(console, "warn", () => {});
  assert.equal(t("js.map.nope", { n: 2 }), "js.map.nope");
  assert.equal(html("js.map.nope"), "js.map.nope");
  assert.deepEqual(nodes("js.map.nope"), ["js.map.nope"]);
  assert.equal(warn.mock.callCount(), 1);
});

test("Welsh plural forms follow CLDR: 0, 1, 2, 3, 6 and the rest", () => {
  setMessages({ lang: "cy", messages: cy });
  const got = [0, 1, 2, 3, 6, 20, 1000].map((n) => t("js.map.draw.status", { n }));
  assert.deepEqual(got, [
    "0 troseddau yn yr ardal a luniwyd.",
    "1 drosedd yn yr ardal a luniwyd.",
    "2 drosedd yn yr ardal a luniwyd.",
    "3 trosedd yn yr ardal a luniwyd.",
    "6 throsedd yn yr ardal a luniwyd.",
    "20 trosedd yn yr ardal a luniwyd.",
    "1,000 trosedd yn yr ardal a luniwyd.",
  ]);
  assert.equal(number(12345), "12,345");
});

test("English keeps the site's sentences", () => {
  setMessages({ lang: "en", messages: en });
  assert.equal(t("js.map.status.in-view", { n: 1, month: "December 2025" }), "1 crime in view in December 2025.");
  assert.equal(t("js.map.status.in-view", { n: 1234, month: "December 2025" }), "1,234 crimes in view in December 2025.");
  assert.equal(t("js.site.sort.highest-first", { column: "Crimes" }), "Sorted by Crimes, highest first; rows without a figure last");
});

test("html escapes the text and values, and inserts only raw markup", () => {
  setMessages({ lang: "en", messages: { m: "<b>{place}</b> & {link}" } });
  assert.equal(html("m", { place: "<script>", link: raw('<a href="x">y</a>') }), '&lt;b&gt;&lt;script&gt;&lt;/b&gt; &amp; <a href="x">y</a>');
});

test("nodes keeps a node value as it is", () => {
  setMessages({ lang: "en", messages: en });
  globalThis.Node ??= class Node {};
  const strong = new Node();
  const out = nodes("js.area.postcode", { code: strong });
  assert.equal(out.length, 3);
  assert.equal(out[0], "Your postcode ");
  assert.equal(out[1], strong);
  assert.equal(out[2], " is in this area.");
});

// The scripts name their messages as string literals, so that this test
// can find them: each is in both catalogues, and each catalogue message is
// used by some script.
test("every message the scripts use is in both catalogues, and no more", () => {
  const dir = here("../js/");
  const used = new Set();
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    for (const m of readFileSync(dir + f, "utf8").matchAll(/"(js\.[a-z0-9.-]+)"/g)) used.add(m[1]);
  }
  assert.deepEqual(Object.keys(en), Object.keys(cy), "en/js.json and cy/js.json have the same keys in the same order");
  for (const k of used) assert.ok(k in en, `${k} is used but not in the catalogues`);
  for (const k of Object.keys(en)) assert.ok(used.has(k), `${k} is in the catalogues but no script uses it`);
});

// Each script reads only the messages of its own prefix, the ones the page
// prints for it: js.site.* on every page, for site.js and what it imports
// (sortable.js, and search.js as js.site.search.*), js.map.* for the map's
// modules on the map page, js.area.* for area.js on area pages.
test("each script uses its own prefix", () => {
  const prefix = { "site.js": "js.site.", "sortable.js": "js.site.", "search.js": "js.site.search.", "area.js": "js.area." };
  const dir = here("../js/");
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    const want = prefix[f] || (f.startsWith("map") ? "js.map." : null);
    for (const m of readFileSync(dir + f, "utf8").matchAll(/"(js\.[a-z0-9.-]+)"/g)) {
      assert.ok(want && m[1].startsWith(want), `${f} uses ${m[1]}, want ${want}*`);
    }
  }
});

test("pages are under the language's home, data under the root", () => {
  setMessages({ lang: "en", messages: {} });
  assert.equal(home("../../"), "../../");
  setMessages({ lang: "cy", messages: {} });
  assert.equal(home("../../"), "../../cy/");
  assert.equal(home("./"), "./cy/");
  assert.equal(home("../../", "../../cy/"), "../../cy/");
});

// A name a script imports from text.js and then declares again (a
// parameter called html, a variable called t) hides the import: the
// message call then throws where the page least shows it, in a popup.
test("no script hides text.js's functions under its own names", () => {
  const dir = here("../js/");
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".js") && f !== "text.js")) {
    const src = readFileSync(dir + f, "utf8");
    const imp = src.match(/import \{([^}]+)\} from "\.\/text\.js"/);
    if (!imp) continue;
    const names = imp[1].split(",").map((s) => s.trim().split(/\s+as\s+/).pop()).filter(Boolean);
    const params = [...src.matchAll(/\(([^()]*)\)\s*(?:=>|\{)/g)].flatMap((m) => m[1].split(/[,{}[\]\s=.]+/));
    const arrows = [...src.matchAll(/\b([A-Za-z_$][\w$]*)\s*=>/g)].map((m) => m[1]);
    const decls = [...src.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
    for (const n of names) {
      assert.ok(![...params, ...arrows, ...decls].includes(n), `${f} declares ${n}, hiding text.js's ${n}`);
    }
  }
});
