// Text for the page, in the page's language. Every sentence the scripts
// show is a message of the site's catalogue (content/messages/<lang>/
// js.json), which the page carries as JSON in
// <script type="application/json" id="cm-messages">{"lang": "cy",
// "messages": {...}}</script>: the bundle holds no sentence of its own, so
// one bundle serves every language. A message is a text with {name}
// placeholders, or for a count an object of plural forms ("zero", "one",
// "two", "few", "many", "other"), chosen by the count n as CLDR's rules
// choose, as the catalogue's Go side does.

let page = null;

// messages reads the page's messages once. A page without them (or with
// broken JSON) still works: every message then shows as its key.
function messages() {
  if (page) return page;
  page = { lang: "en", messages: {} };
  const el = typeof document === "undefined" ? null : document.getElementById("cm-messages");
  if (el) {
    try {
      const data = JSON.parse(el.textContent);
      if (data && typeof data === "object") {
        if (typeof data.lang === "string" && data.lang) page.lang = data.lang;
        if (data.messages && typeof data.messages === "object") page.messages = data.messages;
      }
    } catch (e) {
      console.warn("cm-messages is not JSON:", e);
    }
  }
  return page;
}

// home is the root of the page's language, where its pages are, from the
// site's root, where the data files are: given (data-home), or else the
// language's folder under the root, as the build lays pages out (English
// at the root, Welsh under cy/). Search indexes name English pages; the
// same path under home is the page in the reader's language.
export function home(root, given) {
  if (given) return given;
  const l = lang();
  return l === "en" ? root : `${root}${l}/`;
}

// localPlaces gives the search index's places (search/places.json, one
// file for both languages, naming forces as the data does) the page's
// names for forces: the catalogue's official Welsh name where a force has
// one (force.<slug>, which every page carries), so a Welsh reader sees and
// can search for "Heddlu Gwent".
export function localPlaces(places) {
  const msgs = messages().messages;
  const local = (path, name) => {
    const m = /^forces\/([^/]+)\//.exec(path || "");
    const key = m && `force.${m[1]}`;
    return key && typeof msgs[key] === "string" ? msgs[key] : name;
  };
  for (const p of places) {
    if (p.force) p.force = local(p.path, p.force);
    if (p.kind === "force") p.name = local(p.path, p.name);
  }
  return places;
}

// setMessages replaces the page's messages, for tests outside a page.
export function setMessages(data) {
  page = { lang: data.lang || "en", messages: data.messages || {} };
  rules = null;
  warned.clear();
}

// lang is the page's language, "en" or "cy".
export function lang() {
  return messages().lang;
}

let rules = null;
const warned = new Set();

// number writes a count as the site does in both languages: 1,234.
export function number(n) {
  return Number(n).toLocaleString("en-GB");
}

// pattern is the text of message key for args: a plural message's form
// for args.n. A message the page lacks is its key, so the gap shows and
// nothing throws.
function pattern(key, args) {
  const m = messages().messages[key];
  if (typeof m === "string") return m;
  if (m && typeof m === "object") {
    rules ??= new Intl.PluralRules(lang());
    const n = Number(args.n);
    const form = Number.isFinite(n) ? rules.select(n) : "other";
    if (typeof m[form] === "string") return m[form];
    if (typeof m.other === "string") return m.other;
  }
  if (!warned.has(key)) {
    warned.add(key);
    console.warn(`no message ${key} on this page`);
  }
  return null;
}

// fill calls part for each piece of a message's text: literal text as a
// string, and a placeholder as {name}. "{{" and "}}" are literal braces.
function fill(text, part) {
  const re = /\{\{|\}\}|\{([a-z][a-z0-9_-]*)\}/g;
  let last = 0;
  for (let m; (m = re.exec(text)); ) {
    if (m.index > last) part(text.slice(last, m.index));
    if (m[1]) part({ name: m[1] });
    else part(m[0][0]);
    last = re.lastIndex;
  }
  if (last < text.length) part(text.slice(last));
}

// value is a placeholder's value as text: a number as a count.
function value(v) {
  return typeof v === "number" ? number(v) : String(v);
}

// t is message key as plain text, its {name} placeholders filled from
// args; a plural message takes its count as args.n. A placeholder with no
// value is left as it is written.
export function t(key, args = {}) {
  const text = pattern(key, args);
  if (text === null) return key;
  let out = "";
  fill(text, (p) => {
    out += typeof p === "string" ? p : p.name in args ? value(args[p.name]) : `{${p.name}}`;
  });
  return out;
}

// Markup that html inserts as it is: made only by the scripts themselves,
// with every value in it escaped.
class Raw {
  constructor(html) {
    this.html = html;
  }
}

// raw marks markup the script made (a link, a button, <strong>) for html.
export function raw(html) {
  return new Raw(html);
}

// html is message key as HTML: its text and values escaped, and values
// made by raw inserted as they are. A translation can never add markup.
export function html(key, args = {}) {
  const text = pattern(key, args);
  if (text === null) return escape(key);
  let out = "";
  fill(text, (p) => {
    if (typeof p === "string") out += escape(p);
    else if (!(p.name in args)) out += escape(`{${p.name}}`);
    else out += args[p.name] instanceof Raw ? args[p.name].html : escape(value(args[p.name]));
  });
  return out;
}

// nodes is message key as DOM nodes to append: text, and values that are
// nodes (a <strong>) as they are.
export function nodes(key, args = {}) {
  const text = pattern(key, args);
  if (text === null) return [key];
  const out = [];
  fill(text, (p) => {
    if (typeof p === "string") out.push(p);
    else if (!(p.name in args)) out.push(`{${p.name}}`);
    else out.push(typeof Node !== "undefined" && args[p.name] instanceof Node ? args[p.name] : value(args[p.name]));
  });
  return out;
}

export function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
