// What happened at a snap point, shown at the dot: a popup anchored there
// on wider screens, a sheet along the bottom of the map on a phone. Either
// has a close button, closes with Escape and gives focus back to where it
// was. The archive's "crimes" property lists category|outcome|count items
// joined by ";", with slugs and codes the archive's metadata names.
import { Popup } from "maplibre-gl";
import { escape, html, raw, t } from "./text.js";

export function parseCrimes(s) {
  if (!s) return [];
  return s.split(";").map((item) => {
    const [category, outcome, count] = item.split("|");
    return { category, outcome, count: Number(count) };
  });
}

// renderPopup is a place's crimes as HTML, in the page's language: names
// are the page's names of categories and outcomes, month the month's name.
export function renderPopup(location, crimes, names, month) {
  const items = crimes.map((c) => {
    const category = raw(`<strong>${escape(names.categories[c.category] || c.category)}</strong>`);
    const outcome = c.outcome ? names.outcomes[c.outcome] || c.outcome
      : t(c.category === "anti-social-behaviour" ? "js.map.popup.asb-no-outcome" : "js.map.popup.no-outcome");
    const args = { category, outcome };
    return `<li>${c.count > 1 ? html("js.map.popup.crimes", { count: c.count, ...args }) : html("js.map.popup.crime", args)}</li>`;
  }).join("");
  const total = crimes.reduce((a, c) => a + c.count, 0);
  return `<h2 class="govuk-heading-s cm-popup__title" id="map-popup-title">${location ? escape(location) : html("js.map.unnamed-place")}</h2>` +
    `<p class="govuk-body-s">${html("js.map.popup.total", { n: total, month })}</p><ul class="govuk-list govuk-list--bullet govuk-body-s" id="map-popup-list">${items}</ul>`;
}

// Details shows one place's crimes at a time.
export class Details {
  constructor(map, sheet, phone) {
    this.map = map;
    this.sheet = sheet; // the phone's bottom sheet
    this.phone = phone; // a MediaQueryList
    this.popup = null;
    this.returnTo = null;
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.isOpen()) {
        e.preventDefault();
        this.close();
      }
    });
  }

  isOpen() {
    return !!this.popup || !this.sheet.hidden;
  }

  // open shows content (HTML) for the place at lngLat; returnTo gets focus back
  // when it closes (the list's button, or the map).
  open(lngLat, content, returnTo) {
    this.close(false);
    this.returnTo = returnTo;
    const close = `<button type="button" class="cm-popup__close" aria-label="${html("js.map.popup.close")}">×</button>`;
    if (this.phone.matches) {
      this.sheet.innerHTML = close + content;
      this.sheet.hidden = false;
      this.sheet.setAttribute("aria-labelledby", "map-popup-title");
      this.sheet.querySelector(".cm-popup__close").addEventListener("click", () => this.close());
      this.sheet.focus();
      return;
    }
    const el = document.createElement("div");
    el.className = "cm-popup__body";
    el.id = "map-popup-body";
    el.tabIndex = -1;
    el.setAttribute("role", "region");
    el.setAttribute("aria-labelledby", "map-popup-title");
    el.innerHTML = close + content;
    el.querySelector(".cm-popup__close").addEventListener("click", () => this.close());
    this.popup = new Popup({ closeButton: false, closeOnClick: true, focusAfterOpen: false, maxWidth: "22rem", className: "cm-popup", offset: 14 })
      .setLngLat(lngLat).setDOMContent(el).addTo(this.map);
    this.popup.on("close", () => { this.popup = null; });
    this.fit(el.closest(".maplibregl-popup"));
    el.focus({ preventScroll: true });
  }

  // fit moves the map so that the whole popup is inside it.
  fit(popup) {
    if (!popup) return;
    const m = this.map.getContainer().getBoundingClientRect(), r = popup.getBoundingClientRect(), pad = 10;
    const dx = r.left < m.left + pad ? r.left - m.left - pad : r.right > m.right - pad ? r.right - m.right + pad : 0;
    const dy = r.top < m.top + pad ? r.top - m.top - pad : r.bottom > m.bottom - pad ? r.bottom - m.bottom + pad : 0;
    if (dx || dy) this.map.panBy([dx, dy], { animate: false });
  }

  close(restore = true) {
    if (this.popup) {
      const p = this.popup;
      this.popup = null;
      p.remove();
    }
    if (!this.sheet.hidden) {
      this.sheet.hidden = true;
      this.sheet.innerHTML = "";
    }
    if (restore && this.returnTo && document.contains(this.returnTo)) this.returnTo.focus();
    if (restore) this.returnTo = null;
  }
}
