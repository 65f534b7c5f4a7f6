package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// PageSizes are the limits the site keeps on page weight: no page over
// 200 KB of HTML, and a neighbourhood page with its stylesheet, without
// the map, under 100 KB over the wire (gzip, as CDNs serve text).
type PageSizes struct {
	Largest      string `json:"largest_page"`
	LargestBytes int64  `json:"largest_page_bytes"`
	// Nbhd is the largest neighbourhood page; NbhdWire its HTML and
	// stylesheet gzipped, NbhdWireJS the same with the script.
	Nbhd       string `json:"largest_neighbourhood_page"`
	NbhdBytes  int64  `json:"largest_neighbourhood_page_bytes"`
	NbhdWire   int    `json:"neighbourhood_page_with_css_gzip_bytes"`
	NbhdWireJS int    `json:"neighbourhood_page_with_css_and_js_gzip_bytes"`
}

var assetRef = regexp.MustCompile(`(?:href|src)="((?:\.\./)*assets/[^"]+\.(css|js))"`)

// pageSizes finds the largest page and the largest neighbourhood page
// (forces/<force>/<neighbourhood>/index.html) of a built site.
func pageSizes(site string) (PageSizes, error) {
	var ps PageSizes
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		rel = filepath.ToSlash(rel)
		if info.Size() > ps.LargestBytes {
			ps.Largest, ps.LargestBytes = rel, info.Size()
		}
		// A neighbourhood page is forces/<force>/<nbhd>/index.html with a
		// downloads section; a force's own lists (its A-Z, its changes)
		// share the depth but not the section.
		if parts := strings.Split(rel, "/"); len(parts) == 4 && parts[0] == "forces" && info.Size() > ps.NbhdBytes {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if bytes.Contains(b, []byte(`id="downloads"`)) {
				ps.Nbhd, ps.NbhdBytes = rel, info.Size()
			}
		}
		return nil
	})
	if err != nil {
		return ps, err
	}
	if ps.Largest == "" {
		return ps, errNoPages
	}
	if ps.Nbhd == "" {
		return ps, nil
	}
	html, err := os.ReadFile(filepath.Join(site, ps.Nbhd))
	if err != nil {
		return ps, err
	}
	ps.NbhdWire = gzipSize(html)
	ps.NbhdWireJS = ps.NbhdWire
	for _, m := range assetRef.FindAllSubmatch(html, -1) {
		b, err := os.ReadFile(filepath.Join(site, filepath.Dir(filepath.FromSlash(ps.Nbhd)), filepath.FromSlash(string(m[1]))))
		if err != nil {
			return ps, fmt.Errorf("%s: %w", ps.Nbhd, err)
		}
		n := gzipSize(b)
		if string(m[2]) == "css" {
			ps.NbhdWire += n
		}
		ps.NbhdWireJS += n
	}
	return ps, nil
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}
