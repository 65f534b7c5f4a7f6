package site

import (
	"path/filepath"
	"testing"

	"github.com/crimemap/crimemap/generator/sample"
	"github.com/crimemap/crimemap/generator/verify"
)

// TestCrawl builds the small sample and checks it with crimemap verify's
// code: every page as a reader's browser and a screen reader would meet it
// (it parses, has the language, a title and one h1, every internal link and
// asset resolves, no text is escaped twice, no script is inline, every
// chart is followed by a table with its numbers, every link leaving the
// site opens no window to it), and the rest of the site: its manifest,
// JSON, feeds and sitemap, tile archives, and every published location
// against the input.
func TestCrawl(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sample")
	if _, err := sample.Generate(data, sample.Options{}); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: site, BaseURL: "https://crime.example/"}); err != nil {
		t.Fatal(err)
	}
	rep, err := verify.Site(site, verify.Options{BaseURL: "https://crime.example/", Data: data, Lang: "en-GB", LangDirs: map[string]string{"cy/": "cy"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Error(p)
	}
	if rep.Pages < 80 || rep.Archives < 13 || !rep.PrivacyChecked || rep.Locations == 0 {
		t.Errorf("checked too little: %s", rep.Summary())
	}
}
