package markdown

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// externalRel is the rel of links that leave the site. noopener stops the
// other site reaching back into ours through window.opener; external lets
// the style sheet mark such links for readers.
const externalRel = "external noopener"

// externalLinks is an AST transformer that marks links to other sites.
// Relative links are the site's own and are left exactly as written.
type externalLinks struct{}

var _ parser.ASTTransformer = externalLinks{}

func (externalLinks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if isExternal(string(n.Destination)) {
				n.SetAttributeString("rel", []byte(externalRel))
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && isExternal(string(n.URL(source))) {
				n.SetAttributeString("rel", []byte(externalRel))
			}
		}
		return ast.WalkContinue, nil
	})
}

// isExternal reports whether dest is an absolute web address. The site is
// built to be served from any host, so every absolute http(s) address, and a
// scheme-relative "//host/..." one, points somewhere else.
func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	u, err := url.Parse(dest)
	if err != nil {
		// Unparsable addresses are still marked if they look absolute:
		// the rel is harmless on a link that goes nowhere.
		lower := strings.ToLower(dest)
		return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
	}
	scheme := strings.ToLower(u.Scheme)
	return (scheme == "http" || scheme == "https") && u.Host != ""
}
