// The site's script. Pages work without it; it adds GOV.UK Frontend's
// component behaviour and sorting of data tables. No inline script is used
// anywhere, so a strict content security policy holds.
import { createAll, ServiceNavigation, SkipLink } from "govuk-frontend";
import { enhanceSortableTables } from "./sortable.js";
import { enhanceSearch } from "./search.js";
import { home } from "./text.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
createAll(ServiceNavigation);
createAll(SkipLink);
enhanceSortableTables(document);
// Data files are once for the site, at its root; pages are under the
// language's home (the root, or cy/ for Welsh).
const root = document.body.dataset.root || "./";
enhanceSearch(root, home(root, document.body.dataset.home));
keepViewAcrossLanguages(document);

// keepViewAcrossLanguages makes the language switch (a.cm-lang-switch, the
// same page in the other language) carry the URL's hash, which on the map
// holds the view (month, types, place, zoom, a drawn area), so switching
// language keeps what the reader was looking at. The map rewrites the
// hash as the view moves, without any event, so the link is brought up to
// date just before it can be followed, copied or shown.
function keepViewAcrossLanguages(root) {
  for (const a of root.querySelectorAll("a.cm-lang-switch")) {
    const page = (a.getAttribute("href") || "").split("#")[0];
    const keep = () => a.setAttribute("href", page + location.hash);
    for (const type of ["click", "auxclick", "contextmenu", "focus", "pointerenter"]) a.addEventListener(type, keep);
  }
}
