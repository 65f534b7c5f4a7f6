package pages

import (
	"html/template"
	"sync"
)

// Chrome is what the layout repeats on every page: the menu, with the
// page's section marked, and the footer's links. It depends only on the
// root the links are relative to and on the section, so it is made once
// for each pair and shared by every page with them, thousands of
// neighbourhood pages among them.
type Chrome struct {
	Nav, FooterLinks []Link
	// NavHTML and FooterHTML are Nav's and FooterLinks' list items.
	NavHTML, FooterHTML template.HTML
}

// chromes holds an Input's Chrome for each root and section.
type chromes struct {
	mu sync.Mutex
	m  map[[2]string]*Chrome
}

// get returns the Chrome for pages whose links start with root, in
// section; it is safe for concurrent use.
func (c *chromes) get(in *Input, root, section string) *Chrome {
	key := [2]string{root, section}
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch := c.m[key]; ch != nil {
		return ch
	}
	ch := &Chrome{}
	home := root + in.loc.prefix
	for _, n := range []struct{ key, href, section string }{
		{"nav.home", "", "home"}, {"nav.map", "map/", "map"}, {"nav.forces", "forces/", "forces"}, {"nav.neighbourhoods", "neighbourhoods/", "neighbourhoods"},
		{"nav.compare", "compare/", "compare"}, {"nav.questions", "faq/", "faq"}, {"nav.data", dataHref(in), "data"},
	} {
		ch.Nav = append(ch.Nav, Link{Text: in.t(n.key), Href: home + n.href, Current: n.section == section})
	}
	for _, p := range in.Content {
		ch.FooterLinks = append(ch.FooterLinks, Link{Text: p.Title, Href: home + p.Slug + "/"})
	}
	var m markup
	for _, l := range ch.Nav {
		m.raw(`<li class="govuk-service-navigation__item`)
		if l.Current {
			m.raw(` govuk-service-navigation__item--active`)
		}
		m.raw(`"><a class="govuk-service-navigation__link" href="`)
		m.url(l.Href)
		m.raw(`"`)
		if l.Current {
			m.raw(` aria-current="page"><strong class="govuk-service-navigation__active-fallback">`)
			m.text(l.Text)
			m.raw(`</strong>`)
		} else {
			m.raw(`>`)
			m.text(l.Text)
		}
		m.raw("</a></li>\n")
	}
	ch.NavHTML = m.html()
	m.Reset()
	for _, l := range ch.FooterLinks {
		m.raw(`<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="`)
		m.url(l.Href)
		m.raw(`">`)
		m.text(l.Text)
		m.raw("</a></li>\n")
	}
	ch.FooterHTML = m.html()
	if c.m == nil {
		c.m = map[[2]string]*Chrome{}
	}
	c.m[key] = ch
	return ch
}

// BreadcrumbsHTML is the page's trail of breadcrumbs, or nothing.
func (p Page) BreadcrumbsHTML() template.HTML {
	if len(p.Breadcrumbs) == 0 {
		return ""
	}
	var m markup
	m.raw(`<nav class="govuk-breadcrumbs" aria-label="`)
	m.text(p.in.t("nav.breadcrumb"))
	m.raw(`"><ol class="govuk-breadcrumbs__list">`)
	for _, l := range p.Breadcrumbs {
		m.raw(`<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="`)
		m.url(l.Href)
		m.raw(`">`)
		m.text(l.Text)
		m.raw(`</a></li>`)
	}
	m.raw("</ol></nav>\n")
	return m.html()
}

// homeCrumb is the first breadcrumb: the home page of the page's language.
func (p Page) homeCrumb() Link { return Link{Text: p.in.t("nav.home"), Href: p.Home} }
