package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/crimemap/crimemap/generator/slug"
)

// TOCLabelID is the id the page template gives the heading of the table of
// contents, for its <nav aria-labelledby>. Headings in a page never take it.
const TOCLabelID = "contents-title"

// reservedIDs are ids the page templates use themselves (templates/base.html
// and content.html); a heading taking one would make the skip link, the menu
// button or the contents label point at the wrong element.
var reservedIDs = []string{"main-content", "navigation", TOCLabelID}

// headingAnchors is an AST transformer that gives every heading an id made
// from its text as a reader sees it.
//
// goldmark's own auto ids (parser.WithAutoHeadingID) are made from the
// heading's source line, so "## See [the data](../data/)" gets an id with
// the link address in it, "&amp;" gives "amp", and accented letters are
// dropped ("Ynys Môn" gives "ynys-mn"). Working on the parsed inline text
// avoids all three, and folds accents the way the site's URL slugs do.
type headingAnchors struct{}

var _ parser.ASTTransformer = headingAnchors{}

func (headingAnchors) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	// A fresh set for each page: ids depend only on the page itself, never
	// on which pages were built before it.
	ids := newHeadingIDs()
	source := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.SetAttributeString("id", []byte(ids.next(plainText(h, source))))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// headingIDs hands out unique ids in document order.
type headingIDs struct {
	used map[string]bool
	// suffix is the last suffix used for each base, so that many headings
	// with one text cost linear, not quadratic, time.
	suffix map[string]int
}

func newHeadingIDs() *headingIDs {
	ids := &headingIDs{used: map[string]bool{}, suffix: map[string]int{}}
	for _, id := range reservedIDs {
		ids.used[id] = true
	}
	return ids
}

// next returns the id for a heading with the given text. The second heading
// with the same text gets "-1", the third "-2", skipping any id already
// taken, such as that of a heading called "Rates 1".
func (s *headingIDs) next(text string) string {
	// Apostrophes would otherwise split words: "what's" -> "what-s".
	text = strings.NewReplacer("'", "", "\u2019", "").Replace(text)
	base := slug.Make(text)
	if base == "" {
		base = "section"
	}
	id := base
	for s.used[id] {
		s.suffix[base]++
		id = base + "-" + strconv.Itoa(s.suffix[base])
	}
	s.used[id] = true
	return id
}
