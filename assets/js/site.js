// The site's script. Pages work without it; it adds GOV.UK Frontend's
// component behaviour and sorting of data tables. No inline script is used
// anywhere, so a strict content security policy holds.
import { createAll, ServiceNavigation, SkipLink } from "govuk-frontend";
import { enhanceSortableTables } from "./sortable.js";
import { enhanceSearch } from "./search.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
createAll(ServiceNavigation);
createAll(SkipLink);
enhanceSortableTables(document);
enhanceSearch(document.body.dataset.root || "./");
