package pages

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"math"
)

// The site's icon: a crime-map dot, white-ringed blue on the header's
// near-black. favicon.svg is what pages link; favicon.ico is for the
// clients that ask for /favicon.ico whatever a page links, so that no
// request for an icon ever fails.
const faviconSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">` +
	`<rect width="32" height="32" rx="6" fill="#0b0c0c"/>` +
	`<circle cx="16" cy="16" r="9" fill="#1d70b8" stroke="#fff" stroke-width="3"/></svg>` + "\n"

// faviconICO draws the same icon at 32×32 and wraps the PNG in an ICO
// file, which every browser since 2007 reads.
func faviconICO() ([]byte, error) {
	const size = 32
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	dark := color.NRGBA{0x0b, 0x0c, 0x0c, 0xff}
	blue := color.NRGBA{0x1d, 0x70, 0xb8, 0xff}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	for y := range size {
		for x := range size {
			// Pixel centres, so the circle is symmetric.
			dx, dy := float64(x)+0.5-16, float64(y)+0.5-16
			d := math.Hypot(dx, dy)
			switch {
			case d <= 7.5:
				img.SetNRGBA(x, y, blue)
			case d <= 10.5:
				img.SetNRGBA(x, y, white)
			case roundedCorner(x, y, size, 6):
				// Transparent outside the rounded square.
			default:
				img.SetNRGBA(x, y, dark)
			}
		}
	}
	var p bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	// ICONDIR: reserved, type 1 (icon), one image; then its ICONDIRENTRY:
	// width and height 32, no palette, reserved, 1 plane, 32 bits, the
	// PNG's size and its offset after these 22 bytes.
	binary.Write(&b, binary.LittleEndian, []uint16{0, 1, 1})
	b.Write([]byte{size, size, 0, 0})
	binary.Write(&b, binary.LittleEndian, []uint16{1, 32})
	binary.Write(&b, binary.LittleEndian, []uint32{uint32(p.Len()), 22})
	b.Write(p.Bytes())
	return b.Bytes(), nil
}

// roundedCorner says whether pixel x, y lies outside a square of the given
// size with corners rounded to radius r.
func roundedCorner(x, y, size, r int) bool {
	cx := min(max(float64(x)+0.5, float64(r)), float64(size-r))
	cy := min(max(float64(y)+0.5, float64(r)), float64(size-r))
	return math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy) > float64(r)
}
