package verify

import (
	"bytes"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// doubleEscaped finds an entity whose ampersand was escaped again: text
// that will show as "&amp;" to a reader.
var doubleEscaped = regexp.MustCompile(`&amp;(amp|lt|gt|quot|#[0-9]+|#x[0-9a-fA-F]+);`)

// linkAttrs are the attributes that hold a URL the browser follows or
// fetches.
var linkAttrs = map[string]bool{"href": true, "src": true, "action": true, "poster": true}

// checkPage checks one HTML page (see the package documentation). It
// tokenizes rather than builds a tree, so that each problem has its line.
func (c *checker) checkPage(r *result, data []byte, src content) {
	if data == nil {
		var err error
		if data, err = os.ReadFile(src.path); err != nil {
			r.add("read", 0, "unreadable: %v", unwrapPath(err))
			return
		}
	}
	for _, m := range doubleEscaped.FindAllIndex(data, -1) {
		r.add("escape", lineAt(data, m[0]), "double-escaped text %q", data[m[0]:m[1]])
	}
	r.ids = map[string]bool{}
	var (
		lang        *string
		h1, titles  int
		inTitle     bool
		title       strings.Builder
		svgDepth    int
		order       []string // "svg" and "table", in document order
		orderLines  []int
		line        = 1
		z           = html.NewTokenizer(bytes.NewReader(data))
		attrs       = map[string]string{}
		attrOrder   []string
		scriptLines []int
	)
	for {
		tt := z.Next()
		tokLine := line
		line += bytes.Count(z.Raw(), []byte("\n"))
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				r.add("html", tokLine, "unreadable page: %v", err)
			}
			goto done
		case html.TextToken:
			if inTitle {
				title.Write(z.Text())
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "svg":
				if svgDepth > 0 {
					svgDepth--
				}
			case "title":
				if inTitle && strings.TrimSpace(title.String()) != "" {
					titles++
				}
				inTitle = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			clear(attrs)
			attrOrder = attrOrder[:0]
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if _, dup := attrs[string(k)]; !dup {
					attrs[string(k)] = string(v)
					attrOrder = append(attrOrder, string(k))
				}
			}
			switch tag {
			case "html":
				if v, ok := attrs["lang"]; ok {
					lang = &v
				}
			case "h1":
				h1++
			case "title":
				if svgDepth == 0 {
					inTitle = true
					title.Reset()
				}
			case "script":
				// A JSON data block (structured data, the scripts' messages)
				// is never run, so a Content-Security-Policy allows it.
				if attrs["src"] == "" && attrs["type"] != "application/ld+json" && attrs["type"] != "application/json" {
					scriptLines = append(scriptLines, tokLine)
				}
			case "svg":
				if svgDepth == 0 {
					order = append(order, "svg")
					orderLines = append(orderLines, tokLine)
					if attrs["role"] != "img" || attrs["aria-labelledby"] == "" {
						r.add("chart", tokLine, "chart without role=\"img\" and aria-labelledby")
					}
				}
				if tt == html.StartTagToken {
					svgDepth++
				}
			case "table":
				order = append(order, "table")
				orderLines = append(orderLines, tokLine)
			case "a":
				href := attrs["href"]
				if u, err := url.Parse(href); err == nil && u.Scheme == "https" && !strings.EqualFold(u.Host, c.base.u.Host) &&
					!strings.Contains(attrs["rel"], "noopener") {
					r.add("noopener", tokLine, "external link %q without rel=\"noopener\"", href)
				}
			}
			if id := attrs["id"]; id != "" {
				r.ids[id] = true
			}
			if n := attrs["name"]; tag == "a" && n != "" {
				r.ids[n] = true
			}
			for _, k := range attrOrder {
				v := attrs[k]
				switch {
				case linkAttrs[k] && v != "":
					c.checkLink(r, tokLine, v)
				case k == "srcset":
					for _, cand := range strings.Split(v, ",") {
						if f := strings.Fields(cand); len(f) > 0 {
							c.checkLink(r, tokLine, f[0])
						}
					}
				}
			}
			// Text in a title, script or style element comes as one text
			// token; inside svg a title is ordinary markup.
			if svgDepth > 0 && tag == "title" {
				z.NextIsNotRawText()
			}
		}
	}
done:
	for _, l := range scriptLines {
		r.add("script", l, "inline script")
	}
	wantLang := c.opt.Lang
	for dir, l := range c.opt.LangDirs {
		if strings.HasPrefix(r.rel, dir) {
			wantLang = l
		}
	}
	switch {
	case lang == nil:
		r.add("page", 0, "no lang on <html>")
	case wantLang != "" && *lang != wantLang:
		r.add("page", 0, "lang %q, want %q", *lang, wantLang)
	case wantLang == "" && strings.TrimSpace(*lang) == "":
		r.add("page", 0, "empty lang on <html>")
	}
	if titles != 1 {
		r.add("page", 0, "%d non-empty titles, want 1", titles)
	}
	if h1 != 1 {
		r.add("page", 0, "%d h1 elements, want 1", h1)
	}
	for i, k := range order {
		if k == "svg" && (i+1 >= len(order) || order[i+1] != "table") {
			r.add("chart", orderLines[i], "chart not followed by a table")
		}
	}
}

func lineAt(data []byte, off int) int { return 1 + bytes.Count(data[:off], []byte("\n")) }
