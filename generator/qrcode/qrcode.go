// Package qrcode draws QR codes as SVG, for the printed area briefs: a
// poster or newsletter can carry a code that opens the area's page.
//
// The code's modules come from rsc.io/qr (error correction level M, which
// survives a smudge or a fold); this package draws them as one SVG path,
// each row's run of dark modules a rectangle, with the four-module quiet
// zone the standard asks for. The same text gives the same bytes.
package qrcode

import (
	"fmt"
	"strconv"
	"strings"

	"rsc.io/qr"
)

// quiet is the light margin round the code, in modules.
const quiet = 4

// SVG returns an SVG of text's QR code, titled title (escaped here).
func SVG(text, title string) ([]byte, error) {
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return nil, fmt.Errorf("qr code for %q: %w", text, err)
	}
	n := c.Size + 2*quiet
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	b.WriteString(strconv.Itoa(n) + " " + strconv.Itoa(n))
	b.WriteString(`" shape-rendering="crispEdges" role="img" aria-labelledby="qr-title"><title id="qr-title">`)
	escape(&b, title)
	b.WriteString(`</title><rect width="100%" height="100%" fill="#ffffff"/><path fill="#000000" d="`)
	for y := range c.Size {
		for x := 0; x < c.Size; {
			if !c.Black(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < c.Size && c.Black(x+run, y) {
				run++
			}
			b.WriteString("M" + strconv.Itoa(x+quiet) + " " + strconv.Itoa(y+quiet) + "h" + strconv.Itoa(run) + "v1h-" + strconv.Itoa(run) + "z")
			x += run
		}
	}
	b.WriteString("\"/></svg>\n")
	return []byte(b.String()), nil
}

func escape(b *strings.Builder, s string) {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")
	r.WriteString(b, s)
}
