package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md is shared by every page: goldmark and the transformers hold no state
// between parses, so pages can be rendered concurrently. The renderer
// keeps goldmark's default safe mode (no html.WithUnsafe): raw HTML is
// left out and dangerous link schemes lose their address, so Markdown can
// never add script to a page.
var md = goldmark.New(
	goldmark.WithExtensions(
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		extension.Typographer,
	),
	goldmark.WithParserOptions(
		// "## Heading {#id}" sets a heading's id; headingAnchors refuses
		// anything else in the braces.
		parser.WithHeadingAttribute(),
		parser.WithASTTransformers(
			// goldmark runs lower values first. Distinct values fix the
			// order attributes are added in, and so written in: equal
			// ones would leave it to an unstable sort.
			util.Prioritized(headingAnchors{}, 100),
			util.Prioritized(externalLinks{}, 200),
			util.Prioritized(frontendClasses{}, 300),
		),
	),
)

// rendered is a page body turned into HTML, with its table of contents.
type rendered struct {
	html []byte
	toc  []Heading
}

// render converts the Markdown body of the file name, whose first line is
// line firstLine of the file, and checks the heading rules.
func render(name string, body []byte, firstLine int) (rendered, error) {
	pc := parser.NewContext()
	pc.Set(originKey, origin{name: name, firstLine: firstLine})
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	idErrs, _ := pc.Get(idErrorsKey).(idErrors)

	var out rendered
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		line := firstLine + lineOf(h, body)
		if h.Level == 1 {
			// The template prints the title as the page's only h1;
			// a second one would break the outline screen readers use.
			return ast.WalkStop, errorf(name, line, "level 1 heading: the title is the page's h1, so start sections at ## (h2)")
		}
		if err := idErrs[h]; err != nil {
			return ast.WalkStop, err
		}
		t := plainText(h, body)
		if t == "" {
			return ast.WalkStop, errorf(name, line, "heading has no text")
		}
		if h.Level >= minTOCLevel && h.Level <= maxTOCLevel {
			out.toc = addToTOC(out.toc, Heading{Level: h.Level, ID: headingID(h), Text: t})
		}
		return ast.WalkSkipChildren, nil
	})
	if err != nil {
		return rendered{}, err
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, body, doc); err != nil {
		return rendered{}, fmt.Errorf("render %s: %w", name, err)
	}
	out.html = buf.Bytes()
	return out, nil
}

// lineOf returns the 0-based line of body on which block n starts.
func lineOf(n ast.Node, body []byte) int {
	pos := n.Pos()
	if pos < 0 && n.Lines().Len() > 0 {
		pos = n.Lines().At(0).Start
	}
	if pos < 0 || pos > len(body) {
		return 0
	}
	return bytes.Count(body[:pos], []byte("\n"))
}
