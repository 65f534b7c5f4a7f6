// Text for the page from data: escaped for HTML, and counts with their
// nouns, written the same way by every script.

export function escape(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export function plural(n, one, many) {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}
