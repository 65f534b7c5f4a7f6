package markdown

import (
	"bytes"
	"fmt"
	"regexp"
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

// headingAnchors is an AST transformer that gives every heading an id: the
// one written after it, as in "## Pennawd {#heading}", or else one made
// from its text as a reader sees it.
//
// goldmark's own auto ids (parser.WithAutoHeadingID) are made from the
// heading's source line, so "## See [the data](../data/)" gets an id with
// the link address in it, "&amp;" gives "amp", and accented letters are
// dropped ("Ynys Môn" gives "ynys-mn"). Working on the parsed inline text
// avoids all three, and folds accents the way the site's URL slugs do.
//
// Explicit ids let a translated page keep the ids of the English one, so a
// link to /faq/#how-to-report-a-crime works at /cy/faq/ too. goldmark's
// heading attribute syntax parses them; this transformer checks them.
type headingAnchors struct{}

var _ parser.ASTTransformer = headingAnchors{}

// origin names the file a parse is for and the file line its body starts
// on. render puts it in the parser context: goldmark's transformers cannot
// return errors, so headingAnchors builds them, naming file and line, and
// leaves them in the context (idErrorsKey) for render to report.
type origin struct {
	name      string
	firstLine int
}

var (
	originKey   = parser.NewContextKey()
	idErrorsKey = parser.NewContextKey()
)

// idErrors are the headings whose explicit id is refused, and why.
type idErrors map[*ast.Heading]*Error

func (headingAnchors) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	where, _ := pc.Get(originKey).(origin)
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			headings = append(headings, h)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})

	// A fresh set for each page: ids depend only on the page itself, never
	// on which pages were built before it.
	ids := newHeadingIDs()
	errs := idErrors{}
	// Explicit ids are taken first, so that a made id earlier in the page
	// steps around them rather than the other way round: an explicit id is
	// what links from other pages rely on.
	explicit := map[*ast.Heading]bool{}
	lineOfID := map[string]int{}
	for _, h := range headings {
		line := where.firstLine + idLineOf(h, src)
		id, ok, msg := explicitID(h, src)
		prev, dup := lineOfID[id]
		switch {
		case msg != "":
			errs[h] = errorf(where.name, line, "%s", msg)
		case !ok:
		case dup:
			errs[h] = errorf(where.name, line, "id %q is already given to the heading on line %d", id, prev)
		case ids.used[id]:
			errs[h] = errorf(where.name, line, "id %q is used by the page template: choose another", id)
		default:
			ids.used[id] = true
			lineOfID[id] = line
			explicit[h] = true
		}
	}
	for _, h := range headings {
		if !explicit[h] {
			// Headings whose id was refused get a made one too, so the
			// tree stays whole; render fails the page on the error anyway.
			h.SetAttributeString("id", []byte(ids.next(plainText(h, src))))
		}
	}
	pc.Set(idErrorsKey, errs)
}

// looseIDBlock matches a "{#...}" left at the end of a heading's text: an
// explicit id goldmark did not take, because it holds a character its
// attribute syntax does not allow (a space, "!") or is not last on the line.
var looseIDBlock = regexp.MustCompile(`\{#[^{}]*\}$`)

// explicitID returns the id written after heading h, if any. msg is set when
// what was written cannot be used: the id becomes part of the page's
// addresses, so it must be as safe as a made one.
func explicitID(h *ast.Heading, src []byte) (id string, ok bool, msg string) {
	if n := h.Lines().Len(); n > 0 {
		last := h.Lines().At(n - 1)
		text := strings.TrimRight(string(last.Value(src)), " \t")
		// "\{#...}" is an author asking for the braces as text.
		if at := looseIDBlock.FindStringIndex(text); at != nil && (at[0] == 0 || text[at[0]-1] != '\\') {
			return "", false, fmt.Sprintf("heading ends in %q, which cannot be its id: write {#id} last on the line, using only a–z, 0–9 and hyphens", text[at[0]:])
		}
	}
	for _, a := range h.Attributes() {
		if string(a.Name) != "id" {
			// Classes or attributes such as style would override the
			// site's classes or break its content security policy.
			return "", false, fmt.Sprintf("heading attribute %q: only an id, written {#id}, is allowed", a.Name)
		}
		v, isText := a.Value.([]byte)
		if !isText {
			return "", false, fmt.Sprintf("heading id %v: write it as {#id}", a.Value)
		}
		if !validID(string(v)) {
			return "", false, fmt.Sprintf("heading id %q: use only a–z, 0–9 and hyphens", v)
		}
		id, ok = string(v), true
	}
	return id, ok, ""
}

// idLineOf returns the 0-based line of src that holds heading h's id: the
// last line of its text, which for a setext heading spread over several
// lines is not the line the heading starts on.
func idLineOf(h *ast.Heading, src []byte) int {
	if n := h.Lines().Len(); n > 0 {
		if start := h.Lines().At(n - 1).Start; start <= len(src) {
			return bytes.Count(src[:start], []byte("\n"))
		}
	}
	return lineOf(h, src)
}

// validID reports whether id holds only a–z, 0–9 and hyphens: characters
// that need no escaping in a URL, a CSS selector or an HTML attribute.
func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
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
