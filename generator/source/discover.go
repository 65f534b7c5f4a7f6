package source

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

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
	looksLikeM = regexp.MustCompile(`(?i)^\d{4}-\d{1,2}-.*\.csv$`)
)

// Discover lists the data files under root in fsys, sorted by month, force
// and kind. Files that look like data but are misnamed, misplaced or
// duplicated are reported and left out.
//
// It also reports what the input left out when it was opened (a zip's
// unsafe entries), files for months after the month of the build's clock,
// and, once per force, a force slug data.police.uk does not publish.
func Discover(fsys fs.FS, root string, report *validate.Report) ([]File, error) {
	if op, ok := fsys.(openProblems); ok {
		for _, p := range op.OpenProblems() {
			report.Add(p)
		}
	}
	// No force publishes a month before it ends; a later month is a typo
	// that would stretch every chart and table to it, and mark every force
	// missing for each month in between.
	today := now().UTC()
	thisMonth := crime.MakeMonth(today.Year(), int(today.Month()))
	var files []File
	// Folders reached through symbolic links, to follow each once: a link
	// to a folder it is in would otherwise be walked for ever.
	var walked []fs.FileInfo
	if info, err := fs.Stat(fsys, root); err == nil {
		walked = append(walked, info)
	}
	var walk fs.WalkDirFunc
	walk = func(p string, d fs.DirEntry, err error) error {
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
			// A folder on the user's own disk may link to files and
			// folders kept elsewhere (a month folder shared by two
			// datasets): links are followed, wherever they point, and a
			// link that cannot be is reported, never passed over in
			// silence. A zip's links never get here: Open leaves them out
			// of its view (vetZip).
			info, err := fs.Stat(fsys, p)
			switch {
			case d.Type()&fs.ModeSymlink == 0:
				if fileName.MatchString(d.Name()) || looksLikeM.MatchString(d.Name()) {
					report.Add(validate.Problem{File: p, Reason: validate.BadLink, Severity: validate.Excluded,
						Detail: "not a regular file; left out"})
				}
				return nil
			case err != nil:
				report.Add(validate.Problem{File: p, Reason: validate.BadLink, Severity: validate.Excluded,
					Detail: fmt.Sprintf("symbolic link not followed (%v); left out", err)})
				return nil
			case info.IsDir() && (fileName.MatchString(d.Name()) || looksLikeM.MatchString(d.Name())):
				report.Add(validate.Problem{File: p, Reason: validate.BadLink, Severity: validate.Excluded,
					Detail: "symbolic link named as a data file is to a folder: not a regular file; left out"})
				return nil
			case info.IsDir():
				if d.Name() == "reference" {
					return nil
				}
				for _, w := range walked {
					if os.SameFile(w, info) {
						report.Add(validate.Problem{File: p, Reason: validate.BadLink, Severity: validate.Excluded,
							Detail: "symbolic link to a folder already read (a loop, or a second link to it); not followed again"})
						return nil
					}
				}
				walked = append(walked, info)
				return fs.WalkDir(fsys, p, walk)
			case !info.Mode().IsRegular():
				report.Add(validate.Problem{File: p, Reason: validate.BadLink, Severity: validate.Excluded,
					Detail: "symbolic link to something that is not a file or folder; left out"})
				return nil
			}
		}
		name := d.Name()
		m := fileName.FindStringSubmatch(name)
		if m == nil {
			if looksLikeM.MatchString(name) || (strings.HasSuffix(strings.ToLower(name), ".csv") && monthDir.MatchString(path.Base(path.Dir(p)))) {
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
		if month > thisMonth {
			report.Add(validate.Problem{File: p, Reason: validate.FutureMonth, Severity: validate.Excluded,
				Force: m[2], Month: m[1],
				Detail: fmt.Sprintf("file is for %s, after the month of this build (%s); left out", m[1], thisMonth)})
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
		if info, err := fs.Stat(fsys, p); err == nil {
			size = info.Size() // of a link's target, not the link
		}
		kind := map[string]Kind{"street": Street, "outcomes": OutcomesKind, "stop-and-search": StopAndSearch}[m[3]]
		files = append(files, File{Path: p, Month: month, Force: m[2], Kind: kind, Size: size})
		return nil
	}
	err := fs.WalkDir(fsys, root, walk)
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
	reportUnknownForces(out, report)
	return out, nil
}

// now is the build's clock, a variable so tests can set it.
var now = time.Now

// reportUnknownForces warns once per force slug that is not one of
// data.police.uk's, naming its first file: a slug mistyped in one month's
// file name would otherwise appear as a new force with one month of data.
// Data made up entirely of other slugs (a test fixture, another country's
// data in the same layout) is not data.police.uk's, and is not warned about.
func reportUnknownForces(files []File, report *validate.Report) {
	known := false
	for _, f := range files {
		if knownForces[f.Force] {
			known = true
			break
		}
	}
	if !known {
		return
	}
	warned := map[string]bool{}
	for _, f := range files {
		if knownForces[f.Force] || warned[f.Force] {
			continue
		}
		warned[f.Force] = true
		report.Add(validate.Problem{File: f.Path, Reason: validate.UnknownForce, Severity: validate.Warning,
			Force: f.Force, Month: f.Month.String(),
			Detail: fmt.Sprintf("force %q is not one of data.police.uk's forces; its files are read, but check the name for a typo", f.Force)})
	}
}

// knownForces are the slugs data.police.uk publishes under: the 43 forces
// of England and Wales, British Transport Police and the Police Service of
// Northern Ireland.
var knownForces = map[string]bool{
	"avon-and-somerset": true, "bedfordshire": true, "btp": true, "cambridgeshire": true,
	"cheshire": true, "city-of-london": true, "cleveland": true, "cumbria": true,
	"derbyshire": true, "devon-and-cornwall": true, "dorset": true, "durham": true,
	"dyfed-powys": true, "essex": true, "gloucestershire": true, "greater-manchester": true,
	"gwent": true, "hampshire": true, "hertfordshire": true, "humberside": true,
	"kent": true, "lancashire": true, "leicestershire": true, "lincolnshire": true,
	"merseyside": true, "metropolitan": true, "norfolk": true, "north-wales": true,
	"north-yorkshire": true, "northamptonshire": true, "northern-ireland": true, "northumbria": true,
	"nottinghamshire": true, "south-wales": true, "south-yorkshire": true, "staffordshire": true,
	"suffolk": true, "surrey": true, "sussex": true, "thames-valley": true,
	"warwickshire": true, "west-mercia": true, "west-midlands": true, "west-yorkshire": true,
	"wiltshire": true,
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
