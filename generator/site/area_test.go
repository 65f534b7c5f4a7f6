package site

import (
	"image"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/crimemap/crimemap/generator/sample"
)

// maxPage is verify's limit on a page's weight.
const maxPage = 200_000

var (
	dotCounts   = regexp.MustCompile(`<g class="cm-areamap-place" data-count="(\d+)">`)
	placesTable = regexp.MustCompile(`(?s)<table class="govuk-table" id="places">.*?</table>`)
	placeRow    = regexp.MustCompile(`(?s)<tr class="govuk-table__row"><td[^>]*>(\d+)</td><th scope="row"[^>]*>(.*?)</th><td[^>]*>([\d,]+)</td></tr>`)
	h2IDs       = regexp.MustCompile(`<h2 [^>]*id="([^"]+)"`)
)

// TestAreaPages builds the small sample, which has boundaries, neighbourhood
// details and a street basemap, and checks every force's and
// neighbourhood's page: the map before the first section, a dot per place
// of the table under it with the same numbers, the sections in the order a
// resident asks, stop-and-search tables folded under summaries with the
// total, the brief with a QR code that decodes to the page's address, and
// every page within verify's weight.
func TestAreaPages(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sample")
	if _, err := sample.Generate(data, sample.Options{}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	const base = "https://crime.example/"
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, BaseURL: base}); err != nil {
		t.Fatal(err)
	}
	areas, withTeam, withRoads, dots := 0, 0, 0, 0
	err := filepath.WalkDir(filepath.Join(out, "forces"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		page := read(t, path)
		if len(page) > maxPage {
			t.Errorf("%s is %d bytes, over verify's %d", rel, len(page), maxPage)
		}
		if !strings.Contains(page, `class="govuk-caption-l">Neighbourhood in`) && !strings.Contains(page, `class="govuk-caption-l">Police force<`) {
			return nil // a list, downloads or changes page, or a brief
		}
		areas++
		dir := strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		svgAt := strings.Index(page, `<svg xmlns="http://www.w3.org/2000/svg" class="cm-areamap"`)
		firstH2 := strings.Index(page, "<h2")
		if svgAt < 0 || svgAt > firstH2 {
			t.Errorf("%s: the area map is at %d, the first section at %d", rel, svgAt, firstH2)
			return nil
		}
		svg := page[svgAt : svgAt+strings.Index(page[svgAt:], "</svg>")]
		if !strings.HasPrefix(dir, "forces/btp/") && !strings.Contains(svg, `class="cm-areamap-area"`) {
			t.Errorf("%s: no boundary on the map", rel)
		}
		if strings.Contains(svg, `class="cm-areamap-roads"`) {
			withRoads++
		}
		// Each dot is a row of the table under the map, in order, with
		// the same count; each row links the map at that place.
		var counts []string
		for _, m := range dotCounts.FindAllStringSubmatch(svg, -1) {
			counts = append(counts, m[1])
		}
		var rows []string
		if tb := placesTable.FindString(page); tb != "" {
			for i, m := range placeRow.FindAllStringSubmatch(tb, -1) {
				if m[1] != strconv.Itoa(i+1) {
					t.Errorf("%s: place row %d numbered %s", rel, i+1, m[1])
				}
				if !strings.Contains(m[2], `href="`) || !strings.Contains(m[2], `map/#z=16.00&amp;ll=`) {
					t.Errorf("%s: place row %d does not link the map there: %s", rel, i+1, m[2])
				}
				rows = append(rows, strings.ReplaceAll(m[3], ",", ""))
			}
		}
		if strings.Join(counts, " ") != strings.Join(rows, " ") {
			t.Errorf("%s: the map's dots count %v, the table %v", rel, counts, rows)
		}
		dots += len(counts)
		if tb := strings.Index(page, `id="places"`); len(counts) > 0 && (tb < svgAt || strings.Contains(page[svgAt+4:tb], "<svg")) {
			t.Errorf("%s: the table of places does not follow the map", rel)
		}

		// The sections in the order a resident asks.
		var order []string
		for _, m := range h2IDs.FindAllStringSubmatch(page, -1) {
			order = append(order, m[1])
		}
		want := []string{"contents-heading", "team", "priorities", "events", "contact", "about-area", "categories", "trend", "outcomes", "stop-and-search"}
		last, at := -1, map[string]int{}
		for i, id := range order {
			at[id] = i
		}
		if _, ok := at["team"]; ok {
			withTeam++
		}
		for _, id := range want {
			i, ok := at[id]
			if !ok {
				continue
			}
			if i < last {
				t.Errorf("%s: sections in the order %v, want %v", rel, order, want)
				break
			}
			last = i
		}
		for _, id := range []string{"contents-heading", "categories", "trend", "outcomes", "stop-and-search"} {
			if _, ok := at[id]; !ok {
				t.Errorf("%s: no section %s", rel, id)
			}
		}
		// Caveats come after the figures they qualify, not before the team.
		if i := strings.Index(page, `id="about-figures"`); i >= 0 && i < strings.Index(page, `id="categories"`) {
			t.Errorf("%s: the caveats come before the figures", rel)
		}
		// Stop-and-search tables are folded under summaries with the total.
		stops := page[strings.Index(page, `id="stop-and-search"`):]
		if !strings.Contains(stops, "No stops and searches") {
			for _, c := range regexp.MustCompile(`<caption[^>]*>(Stop and search by [^<]*)</caption>`).FindAllStringSubmatch(stops, -1) {
				if !regexp.MustCompile(`<summary class="govuk-details__summary"><span class="govuk-details__summary-text">` +
					regexp.QuoteMeta(c[1]) + `: [\d,]+ stops?</span></summary>`).MatchString(stops) {
					t.Errorf("%s: %q is not folded under a summary with the total", rel, c[1])
				}
			}
		}
		// Every scrolling table is a focusable, labelled region.
		if n, m := strings.Count(page, `class="cm-table-wrap"`), strings.Count(page, `class="cm-table-wrap" role="region" tabindex="0" aria-label="`); n != m {
			t.Errorf("%s: %d of %d table wrappers are not focusable labelled regions", rel, n-m, n)
		}

		// The brief: the map, the figures and a QR code of the page.
		bdir := "brief/"
		if m := regexp.MustCompile(`<a class="govuk-link" href="([^"]+)">A one-page brief`).FindStringSubmatch(page); m != nil {
			bdir = m[1]
		} else {
			t.Errorf("%s: no link to the brief", rel)
		}
		brief := read(t, filepath.Join(filepath.Dir(path), filepath.FromSlash(bdir), "index.html"))
		for _, w := range []string{`class="cm-areamap"`, "Crimes by category", "call 999", "<strong>101</strong>", `src="qr.svg"`} {
			if !strings.Contains(brief, w) {
				t.Errorf("%s brief: no %s", rel, w)
			}
		}
		if got := decodeQR(t, filepath.Join(filepath.Dir(path), filepath.FromSlash(bdir), "qr.svg")); got != base+dir {
			t.Errorf("%s: the QR code reads %q, want %q", rel, got, base+dir)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The sample: 5 forces and 73 neighbourhoods, about half with a team,
	// most within its basemap.
	if areas < 70 || withTeam < 30 || withRoads < areas/2 || dots < areas {
		t.Errorf("%d area pages, %d with a team, %d with roads on the map, %d dots: the sample has more", areas, withTeam, withRoads, dots)
	}
}

// decodeQR draws a QR code SVG's modules (each row's runs as the SVG
// writes them) into an image and reads it with an independent decoder.
func decodeQR(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	svg := string(b)
	vb := regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`).FindStringSubmatch(svg)
	if vb == nil {
		t.Fatalf("%s: no viewBox", path)
	}
	const scale = 4
	n, _ := strconv.Atoi(vb[1])
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	runs := regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`).FindAllStringSubmatch(svg, -1)
	if len(runs) == 0 {
		t.Fatalf("%s: no modules", path)
	}
	for _, r := range runs {
		x, _ := strconv.Atoi(r[1])
		y, _ := strconv.Atoi(r[2])
		w, _ := strconv.Atoi(r[3])
		for py := y * scale; py < (y+1)*scale; py++ {
			for px := x * scale; px < (x+w)*scale; px++ {
				img.SetGray(px, py, color.Gray{})
			}
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("%s: does not decode: %v", path, err)
	}
	return res.GetText()
}
