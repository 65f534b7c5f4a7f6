package source

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/validate"
)

// Kind is the kind of a data file.
type Kind uint8

// The three kinds of file data.police.uk publishes per force and month.
const (
	Street Kind = iota
	OutcomesKind
	StopAndSearch
)

func (k Kind) String() string {
	return [...]string{"street", "outcomes", "stop-and-search"}[k]
}

// File is one data file found in the input.
type File struct {
	Path  string // slash-separated path within the input
	Month crime.Month
	Force string // slug from the file name
	Kind  Kind
	Size  int64
}

var (
	fileName   = regexp.MustCompile(`^(\d{4}-\d{2})-([a-z0-9][a-z0-9-]*?)-(street|outcomes|stop-and-search)\.csv$`)
	monthDir   = regexp.MustCompile(`^\d{4}-\d{2}$`)
	looksLikeM = regexp.MustCompile(`^\d{4}-\d{1,2}-.*\.csv$`)
)

// Discover lists the data files under root in fsys, sorted by month, force
// and kind. Files that look like data but are misnamed, misplaced or
// duplicated are reported and left out.
func Discover(fsys fs.FS, root string, report *validate.Report) ([]File, error) {
	var files []File
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			report.Add(validate.Problem{File: p, Reason: validate.UnreadableFile, Severity: validate.Excluded,
				Detail: err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			// Reference data and anything else that is not a month folder
			// is not crime data.
			if p != root && d.Name() == "reference" {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			// A folder may link to files kept elsewhere; follow links
			// only to regular files. Links inside a zip are not followed:
			// zip's fs view reports them as links, not as their targets.
			info, err := fs.Stat(fsys, p)
			if d.Type()&fs.ModeSymlink == 0 || err != nil || !info.Mode().IsRegular() {
				return nil
			}
		}
		name := d.Name()
		m := fileName.FindStringSubmatch(name)
		if m == nil {
			if looksLikeM.MatchString(name) || (strings.HasSuffix(name, ".csv") && monthDir.MatchString(path.Base(path.Dir(p)))) {
				report.Add(validate.Problem{File: p, Reason: validate.BadFileName, Severity: validate.Excluded,
					Detail: "name is not YYYY-MM-<force>-{street,outcomes,stop-and-search}.csv"})
			}
			return nil
		}
		month, err := crime.ParseMonth([]byte(m[1]))
		if err != nil {
			report.Add(validate.Problem{File: p, Reason: validate.BadFileName, Severity: validate.Excluded,
				Detail: err.Error()})
			return nil
		}
		dir := path.Base(path.Dir(p))
		if !monthDir.MatchString(dir) || dir != m[1] {
			report.Add(validate.Problem{File: p, Reason: validate.BadFileName, Severity: validate.Excluded,
				Force: m[2], Month: m[1],
				Detail: fmt.Sprintf("file for %s is in folder %q, not %q", m[1], dir, m[1])})
			return nil
		}
		var size int64
		if info, err := d.Info(); err == nil {
			size = info.Size()
		}
		kind := map[string]Kind{"street": Street, "outcomes": OutcomesKind, "stop-and-search": StopAndSearch}[m[3]]
		files = append(files, File{Path: p, Month: month, Force: m[2], Kind: kind, Size: size})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", root, err)
	}
	slices.SortFunc(files, func(a, b File) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Force, b.Force),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Path, b.Path))
	})
	// Two files for one force, month and kind (an archive unpacked twice, or
	// a zip with a repeated name) would double-count; keep the first.
	out := files[:0]
	for i, f := range files {
		if i > 0 {
			prev := out[len(out)-1]
			if prev.Month == f.Month && prev.Force == f.Force && prev.Kind == f.Kind {
				report.Add(validate.Problem{File: f.Path, Reason: validate.DuplicateFile, Severity: validate.Excluded,
					Force: f.Force, Month: f.Month.String(),
					Detail: fmt.Sprintf("another %s file for %s %s was read: %s", f.Kind, f.Force, f.Month, prev.Path)})
				continue
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// forceTitle makes a readable name from a slug, for forces whose files never
// name them (a force with only stop-and-search files).
func forceTitle(slug string) string {
	words := strings.Split(slug, "-")
	for i, w := range words {
		if w != "and" && w != "of" && len(w) > 0 {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
