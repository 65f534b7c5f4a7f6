package verify

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/crimemap/crimemap/generator/hosting"
	"github.com/crimemap/crimemap/generator/manifest"
)

// checkRedirects checks the site's _redirects file, when it has one: it
// must parse as hosting reads it, and every rule must lead somewhere. A
// literal target must be a file of the manifest (of the folder, when the
// manifest cannot be read, which is reported already); a target with
// placeholders must match at least one, or no request could ever be
// answered by it. A folder's index.html at a path a rule matches (or a
// file at a literal rule's path) is reported too: Netlify serves such a
// file instead of the rule, where the other hosts and the preview apply
// the rule.
// The CloudFront function beside it must fit CloudFront's size limit.
func (c *checker) checkRedirects() []Problem {
	var probs []Problem
	if info, err := os.Stat(filepath.Join(c.dir, hosting.CloudFrontName)); err == nil && info.Size() > hosting.CloudFrontMaxBytes {
		probs = append(probs, Problem{Path: hosting.CloudFrontName,
			Msg: fmt.Sprintf("%d bytes, over CloudFront's limit of %d for a function", info.Size(), hosting.CloudFrontMaxBytes)})
	}
	b, err := os.ReadFile(filepath.Join(c.dir, hosting.RedirectsName))
	if errors.Is(err, fs.ErrNotExist) {
		return probs
	}
	if err != nil {
		return append(probs, Problem{Path: hosting.RedirectsName, Msg: fmt.Sprintf("unreadable: %v", unwrapPath(err))})
	}
	rules, err := hosting.ParseRedirects(b)
	if err != nil {
		line, msg := splitLine(err.Error())
		return append(probs, Problem{Path: hosting.RedirectsName, Line: line, Msg: msg})
	}
	files := c.listed()
	for _, r := range rules {
		if !hosting.TargetExists(r.To, files) {
			probs = append(probs, Problem{Path: hosting.RedirectsName, Line: r.Line,
				Msg: fmt.Sprintf("rewrite of %s: no file of the site is %s", r.From, r.To)})
		}
		// A file a placeholder matches whole (api/forces/x.json for
		// /api/forces/:force) is the file asked for, served alike with or
		// without the rule; a folder's index.html is not.
		from := hosting.PathPattern(r.From)
		literal := !hosting.HasPlaceholder(r.From)
		for _, f := range files {
			folder, isIndex := strings.CutSuffix(f, "/index.html")
			if literal && f == r.From || isIndex && from.MatchString(folder) {
				probs = append(probs, Problem{Path: hosting.RedirectsName, Line: r.Line,
					Msg: fmt.Sprintf("rewrite of %s: the site has %s there, which Netlify serves instead", r.From, strings.TrimPrefix(f, "/"))})
				break
			}
		}
	}
	return probs
}

// listed returns the site's files as request paths ("/api/forces.json"),
// sorted: the manifest's, or the folder's when the manifest is unreadable.
func (c *checker) listed() []string {
	var out []string
	if entries, err := manifest.ReadFile(filepath.Join(c.dir, manifest.Name)); err == nil {
		for _, e := range entries {
			out = append(out, "/"+e.Path)
		}
	} else {
		for p := range c.files {
			out = append(out, "/"+p)
		}
	}
	sort.Strings(out)
	return out
}
