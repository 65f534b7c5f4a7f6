package verify

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// checkXML checks that an XML file is well-formed and that the site's own
// addresses in a sitemap (<loc>) or an Atom feed (<link href>) resolve.
func (c *checker) checkXML(r *result, src content) {
	rc, err := src.open()
	if err != nil {
		r.add("read", 0, "unreadable: %v", unwrapPath(err))
		return
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var root string
	var inLoc bool
	var loc strings.Builder
	locLine := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				r.add("xml", se.Line, "invalid XML: %s", se.Msg)
			} else {
				r.add("xml", 0, "invalid XML: %v", err)
			}
			return
		}
		line, _ := d.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = t.Name.Local
			}
			switch {
			case t.Name.Local == "loc" && (root == "urlset" || root == "sitemapindex"):
				inLoc, locLine = true, line
				loc.Reset()
			case t.Name.Local == "link" && root == "feed":
				for _, a := range t.Attr {
					if a.Name.Local == "href" && a.Name.Space == "" {
						c.checkLink(r, line, a.Value)
					}
				}
			}
		case xml.CharData:
			if inLoc {
				loc.Write(t)
			}
		case xml.EndElement:
			if inLoc && t.Name.Local == "loc" {
				inLoc = false
				c.checkSitemapLoc(r, locLine, strings.TrimSpace(loc.String()))
			}
		}
	}
	if root == "" {
		r.add("xml", 0, "invalid XML: no root element")
	}
}

// checkSitemapLoc checks one sitemap address: it must be under the base
// URL, as a sitemap may list only its own site, and resolve.
func (c *checker) checkSitemapLoc(r *result, line int, loc string) {
	if _, internal, err := c.base.resolve(r.rel, loc); err == nil && !internal && c.base.known {
		r.add("link", line, "sitemap address %q is not under the base URL %s", loc, c.base.u)
		return
	}
	c.checkLink(r, line, loc)
}
