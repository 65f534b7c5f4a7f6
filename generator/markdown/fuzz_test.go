package markdown

import (
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"",
		"---\ntitle: x\n---\n",
		"---\ntitle: \"q\\\"\"\norder: 3\nslug: a-b\nupdated: 2024-01-31\n---\n## A\n### B\n## A\n",
		"---\ntitle: x\n---\n# h1\n",
		"---\ntitle: x\n---\n<script>alert(1)</script>\n[x](javascript:alert(1))\n",
		"---\ntitle: x\n---\n| a | b |\n|--|--:|\n| 1 | 2 |\n",
		"---\ntitle: x\n---\n## *a* &amp; `b` <i>c</i>\nline\n---\n",
		"\ufeff---\r\ntitle: 'it''s'\r\n---\r\n## x\r\n",
		"---\ntitle: x\n---\n## A {#a}\n## a\n### B ## {#b}\nC {#c}\n---\n## D {#a}\n## E {.e #Bad}\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Parse("fuzz.md", src)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.md") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		if p.Title == "" || p.Slug == "" {
			t.Errorf("page without title or slug: %+v", p)
		}
		if strings.Contains(strings.ToLower(string(p.HTML)), "<script") {
			t.Errorf("script in HTML: %s", p.HTML)
		}
		seen := map[string]bool{TOCLabelID: true}
		var check func([]Heading)
		check = func(hs []Heading) {
			for _, h := range hs {
				if h.ID == "" || seen[h.ID] {
					t.Errorf("empty or repeated id %q", h.ID)
				}
				seen[h.ID] = true
				check(h.Children)
			}
		}
		check(p.TOC)
	})
}
