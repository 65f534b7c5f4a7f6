package verify

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// siteURL is the site's base address. When it is unknown, a stand-in that
// no link can name keeps relative and root-relative links resolvable.
type siteURL struct {
	u     *url.URL // ends in "/"
	known bool
}

// findBase returns the base URL: the option, or the canonical link of the
// home page, which the build writes from its --base-url.
func (c *checker) findBase() (*siteURL, string, error) {
	if c.opt.BaseURL != "" {
		u, err := ParseBaseURL(c.opt.BaseURL)
		if err != nil {
			return nil, "", err
		}
		return &siteURL{u: u, known: true}, "flag", nil
	}
	stand := &siteURL{u: &url.URL{Scheme: "http", Host: "site.invalid", Path: "/"}}
	raw, err := os.ReadFile(filepath.Join(c.dir, "index.html"))
	if err != nil {
		return stand, "", nil // the missing home page is reported as such
	}
	href := canonical(raw)
	if href == "" {
		return stand, "", nil
	}
	u, err := ParseBaseURL(strings.TrimSuffix(href, "index.html"))
	if err != nil {
		return stand, "", nil
	}
	return &siteURL{u: u, known: true}, "canonical link of index.html", nil
}

// ParseBaseURL parses a site's base URL, an http or https address; the
// result ends in "/".
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base URL %q is not an http or https address", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath, u.RawQuery, u.Fragment = "", "", ""
	return u, nil
}

// canonical returns the href of a page's <link rel="canonical">.
func canonical(page []byte) string {
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return ""
			case "link":
				var rel, href string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "rel":
						rel = string(v)
					case "href":
						href = string(v)
					}
				}
				if rel == "canonical" {
					return href
				}
			}
		}
	}
}

// pageURL is the address of the file at rel.
func (b *siteURL) pageURL(rel string) *url.URL {
	return b.u.ResolveReference(&url.URL{Path: rel})
}

// target is where an internal link leads.
type target struct {
	rel      string // the file, slash-separated
	fragment string
}

// resolve resolves link, found in the file at rel. It returns false for a
// link that leaves the site (another host, another scheme) or names no
// file (a bare fragment is returned with rel itself).
func (b *siteURL) resolve(rel, link string) (target, bool, error) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return target{}, false, err
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return target{}, false, nil // mailto:, tel:, data: ...
	}
	abs := b.pageURL(rel).ResolveReference(u)
	if abs.Path == "" {
		abs.Path = "/" // https://host is https://host/
	}
	if !strings.EqualFold(abs.Host, b.u.Host) || !strings.HasPrefix(abs.Path, b.u.Path) {
		return target{}, false, nil
	}
	p := strings.TrimPrefix(abs.Path, b.u.Path)
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return target{rel: path.Clean(p), fragment: u.Fragment}, true, nil
}

// exists reports whether t names a file, a folder counting as its
// index.html as static hosts serve it.
func (c *checker) exists(t *target) bool {
	if c.files[t.rel] {
		return true
	}
	if c.dirs[t.rel] && c.files[path.Join(t.rel, "index.html")] {
		t.rel = path.Join(t.rel, "index.html")
		return true
	}
	return false
}

// fragRef is a link to an element of a page, checked once every page's
// ids are known.
type fragRef struct {
	from, link string
	line       int
	page, id   string
}

// checkLink checks one link found at line of r's file.
func (c *checker) checkLink(r *result, line int, link string) {
	if strings.HasPrefix(link, "#") && strings.TrimPrefix(link, "#") == "ZgotmplZ" {
		r.add("link", line, "link %q: html/template rejected the URL written here", link)
		return
	}
	t, internal, err := c.base.resolve(r.rel, link)
	if err != nil {
		r.add("link", line, "bad link %q: %v", link, unwrapURL(err))
		return
	}
	if !internal {
		return
	}
	r.links++
	if !c.exists(&t) {
		r.add("link", line, "broken link %q", link)
		return
	}
	if t.fragment != "" && !strings.ContainsAny(t.fragment, "=/") && strings.HasSuffix(t.rel, ".html") {
		r.frags = append(r.frags, fragRef{from: r.rel, link: link, line: line, page: t.rel, id: t.fragment})
	}
}

func unwrapURL(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// checkFragments checks that each fragment names an element of its page.
func checkFragments(refs []fragRef, ids map[string]map[string]bool) []Problem {
	var probs []Problem
	for _, f := range refs {
		if !ids[f.page][f.id] {
			probs = append(probs, Problem{Path: f.from, Line: f.line, Msg: fmt.Sprintf("link %q: no element with id %q", f.link, f.id)})
		}
	}
	return probs
}

var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// checkCSS checks the url() and @import references of a stylesheet.
func (c *checker) checkCSS(r *result, src content) {
	data := src.data
	if data == nil {
		var err error
		if data, err = os.ReadFile(src.path); err != nil {
			r.add("read", 0, "unreadable: %v", unwrapPath(err))
			return
		}
	}
	for _, m := range cssURL.FindAllSubmatchIndex(data, -1) {
		var link string
		for g := 1; g <= 5; g++ {
			if m[2*g] >= 0 && m[2*g+1] > m[2*g] {
				link = string(data[m[2*g]:m[2*g+1]])
			}
		}
		if link == "" {
			continue
		}
		c.checkLink(r, 1+bytes.Count(data[:m[0]], []byte("\n")), link)
	}
}

// checkRobots checks the Sitemap lines of robots.txt.
func (c *checker) checkRobots(r *result, src content) {
	sc := bufio.NewScanner(bytes.NewReader(src.data))
	line := 0
	for sc.Scan() {
		line++
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), "sitemap") {
			c.checkLink(r, line, strings.TrimSpace(v))
		}
	}
}
