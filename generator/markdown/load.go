package markdown

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// LoadDir parses every *.md file directly in dir of fsys and returns the
// pages sorted by Order, then Slug. It reports every broken file at once,
// so an author fixes them in one pass, and rejects two pages with one slug,
// which would be written to the same URL.
func LoadDir(fsys fs.FS, dir string) ([]*Page, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("load content: %w", err)
	}
	var (
		pages  []*Page
		errs   []error
		bySlug = map[string]string{}
	)
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		name := path.Join(dir, e.Name())
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("load content: %w", err))
			continue
		}
		p, err := Parse(name, src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, dup := bySlug[p.Slug]; dup {
			errs = append(errs, errorf(name, 0, "slug %q is already used by %s", p.Slug, other))
			continue
		}
		bySlug[p.Slug] = name
		pages = append(pages, p)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	slices.SortFunc(pages, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.Slug, b.Slug))
	})
	return pages, nil
}
