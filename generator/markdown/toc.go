package markdown

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Heading is an entry in a page's table of contents: an h2, with the h3
// headings under it as Children.
type Heading struct {
	Level    int
	ID       string
	Text     string
	Children []Heading
}

// tocLevels are the heading levels listed in a table of contents. Deeper
// levels make the list longer than a reader wants to scan.
const minTOCLevel, maxTOCLevel = 2, 3

// addToTOC appends h to toc, nesting an h3 under the h2 before it. An h3
// with no h2 before it goes at the top level rather than being lost.
func addToTOC(toc []Heading, h Heading) []Heading {
	if h.Level > minTOCLevel && len(toc) > 0 {
		last := &toc[len(toc)-1]
		last.Children = append(last.Children, h)
		return toc
	}
	return append(toc, h)
}

// headingID returns the id headingAnchors gave n.
func headingID(n *ast.Heading) string {
	if v, ok := n.AttributeString("id"); ok {
		switch v := v.(type) {
		case []byte:
			return string(v)
		case string:
			return v
		}
	}
	return ""
}

// plainText returns the text of an inline tree as a reader sees it: markup
// gone, escapes and entities resolved, white space collapsed. The template
// escapes it again when printing, so it must not hold HTML entities itself.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	writePlainText(&b, n, source)
	return strings.Join(strings.Fields(b.String()), " ")
}

func writePlainText(b *strings.Builder, n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(unescape(c.Segment.Value(source), c.IsRaw()))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() {
				// Typographer output such as "&rsquo;" is HTML already.
				b.WriteString(html.UnescapeString(string(c.Value)))
			} else {
				b.Write(unescape(c.Value, c.IsRaw()))
			}
		case *ast.RawHTML:
			// Not rendered in safe mode, so not part of the text either.
		default:
			writePlainText(b, c, source)
		}
	}
}

// unescape resolves backslash escapes and entity references the way
// goldmark's renderer does for text it prints.
func unescape(v []byte, raw bool) []byte {
	if raw {
		return v
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}
