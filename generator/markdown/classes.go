package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// frontendClasses is an AST transformer that gives the rendered elements
// the GOV.UK Frontend classes the rest of the site uses. GOV.UK Frontend
// styles classes, not bare elements, so without them a Markdown page would
// look unlike every other page.
//
// Right-aligned table columns get the numeric class rather than goldmark's
// style="text-align:right": inline styles are what a strict content
// security policy forbids. Left and centre alignment are dropped, as in the
// site's other tables. Header cells get scope="col" so screen readers
// announce each figure with its column heading.
type frontendClasses struct{}

var _ parser.ASTTransformer = frontendClasses{}

// headingClasses are the classes for h2 to h6, matching the section
// headings of the site's other pages.
var headingClasses = [...]string{2: "govuk-heading-l", 3: "govuk-heading-m", 4: "govuk-heading-s", 5: "govuk-heading-s", 6: "govuk-heading-s"}

func (frontendClasses) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level >= 2 && n.Level < len(headingClasses) {
				setClass(n, headingClasses[n.Level])
			}
		case *ast.Paragraph:
			setClass(n, "govuk-body")
		case *ast.List:
			if n.IsOrdered() {
				setClass(n, "govuk-list govuk-list--number")
			} else {
				setClass(n, "govuk-list govuk-list--bullet")
			}
		case *ast.Link, *ast.AutoLink:
			setClass(n, "govuk-link")
		case *ast.Blockquote:
			setClass(n, "govuk-inset-text")
		case *ast.ThematicBreak:
			setClass(n, "govuk-section-break govuk-section-break--m govuk-section-break--visible")
		case *east.Table:
			setClass(n, "govuk-table")
		case *east.TableHeader:
			setClass(n, "govuk-table__head")
		case *east.TableRow:
			setClass(n, "govuk-table__row")
		case *east.TableCell:
			header := n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader
			class := "govuk-table__cell"
			if header {
				class = "govuk-table__header"
				n.SetAttributeString("scope", []byte("col"))
			}
			if n.Alignment == east.AlignRight {
				class += " " + class + "--numeric"
			}
			setClass(n, class)
		}
		return ast.WalkContinue, nil
	})
}

func setClass(n ast.Node, class string) {
	n.SetAttributeString("class", []byte(class))
}
