package source

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/crimemap/crimemap/generator/validate"
)

// Limits on an input zip. The archive is read in place, never extracted,
// but a small hostile zip can still claim terabytes: archive/zip stops any
// entry at the size its header declares, so bounding the declared sizes
// bounds what is read.
const (
	// MaxZipBytes bounds the uncompressed bytes of all the entries of an
	// input zip together. The national sample's 36 months are 8.3 GB; the
	// whole data.police.uk history is a few times that.
	MaxZipBytes int64 = 64 << 30
	// MaxZipRatio bounds an entry's uncompressed size over its compressed
	// size. Police CSV files compress 5 to 25 times; deflate cannot go past
	// about 1,030, which only a bomb's runs of one byte approach.
	MaxZipRatio = 200
	// zipRatioFloor: entries smaller than this are not held to
	// MaxZipRatio, since a tiny file (a header, a blank line repeated) can
	// compress far better and is harmless.
	zipRatioFloor = 1 << 20
)

// maxZipBytes is MaxZipBytes, a variable so tests can reach it without
// writing gigabytes.
var maxZipBytes = MaxZipBytes

// Input is an opened data source: a folder or an archive zip.
type Input struct {
	FS   fs.FS
	Root string // "." for a folder or a zip with months at its top
	Path string // as given, for messages
	c    io.Closer
}

// Close releases the input.
func (in *Input) Close() error {
	if in.c != nil {
		return in.c.Close()
	}
	return nil
}

// Open opens a folder or a .zip in the data.police.uk layout.
//
// A folder is the maintainer's own layout, and links in it are followed to
// regular files wherever they point (a month may be linked from a shared
// store); an archive from elsewhere should be given as the zip itself,
// which is read in place.
//
// A zip's entries are vetted before anything reads them (see vetZip): names
// that are not plain relative paths, links, repeated names and entries past
// the limits above are left out of its file system view, and Discover
// reports each with the reason.
func Open(path string) (*Input, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open input: %w", err)
	}
	if info.IsDir() {
		return &Input{FS: os.DirFS(path), Root: ".", Path: path}, nil
	}
	if !strings.HasSuffix(strings.ToLower(path), ".zip") {
		return nil, fmt.Errorf("open input %s: not a folder or a .zip", path)
	}
	zr, err := zip.OpenReader(path)
	// With GODEBUG zipinsecurepath=0 the reader refuses names that climb
	// out; vetZip drops and reports those names itself, so read on.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("open input %s: %w", path, err)
	}
	z := &zipFS{Reader: &zr.Reader}
	z.problems = vetZip(&zr.Reader)
	return &Input{FS: z, Root: ".", Path: path, c: zr}, nil
}

// zipFS is a zip's file system view, with the problems found vetting it.
type zipFS struct {
	*zip.Reader
	problems []validate.Problem
}

// openProblems is implemented by input file systems that left something
// out when they were opened; Discover reports it.
type openProblems interface {
	OpenProblems() []validate.Problem
}

// OpenProblems returns what vetting the zip left out.
func (z *zipFS) OpenProblems() []validate.Problem { return z.problems }

// vetZip removes from zr.File every entry the build must not read, and
// returns a problem for each. It must run before the first zr.Open: the
// reader builds its file system view from zr.File then, once.
//
// archive/zip's view would otherwise keep them under a cleaned name
// ("../2025-01/x.csv" read as "2025-01/x.csv", "/abs/x" as "abs/x"), serve
// a link as a file holding its target's name, and mark a repeated name so
// that neither copy can be read. Nothing is extracted, so no name can
// write anywhere; vetting is about reading only what the archive plainly
// holds, once, within bounds.
func vetZip(zr *zip.Reader) []validate.Problem {
	var problems []validate.Problem
	drop := func(f *zip.File, sev validate.Severity, format string, args ...any) {
		problems = append(problems, validate.Problem{File: f.Name, Reason: validate.BadArchive, Severity: sev,
			Detail: fmt.Sprintf(format, args...)})
	}
	kept := zr.File[:0:0]
	seen := map[string]bool{}
	var total uint64
	over := false
	for _, f := range zr.File {
		name := strings.TrimSuffix(f.Name, "/")
		mode := f.Mode()
		switch {
		case !localName(f.Name):
			drop(f, validate.Excluded, "entry name %q is not a plain relative path (absolute, with .. or \\, or empty); left out", f.Name)
		case mode&fs.ModeSymlink != 0:
			drop(f, validate.Excluded, "entry is a symbolic link; links in an archive are not followed; left out")
		case !mode.IsDir() && !mode.IsRegular():
			drop(f, validate.Excluded, "entry is not a regular file (mode %v); left out", mode)
		case seen[name]:
			drop(f, validate.Excluded, "the archive has more than one entry named %q; only the first is read", name)
		case over:
			drop(f, validate.Fatal, "left out: the archive holds more than %d GiB uncompressed", maxZipBytes>>30)
		case f.UncompressedSize64 >= zipRatioFloor && f.UncompressedSize64/MaxZipRatio > f.CompressedSize64:
			drop(f, validate.Excluded, "entry would expand from %d to %d bytes, more than %d times: a compression bomb; left out",
				f.CompressedSize64, f.UncompressedSize64, MaxZipRatio)
		default:
			total += f.UncompressedSize64
			if total > uint64(maxZipBytes) {
				// Past the total, reading on could fill the disk's worth
				// of memory and time; stop the build instead of building
				// a site that silently lacks the rest.
				over = true
				drop(f, validate.Fatal, "the archive holds more than %d GiB uncompressed; this entry and the rest are left out and the build stops",
					maxZipBytes>>30)
				continue
			}
			seen[name] = true
			kept = append(kept, f)
		}
	}
	zr.File = kept
	return problems
}

// localName reports whether a zip entry name is a plain relative path:
// slash-separated, not absolute, no "." or ".." elements, no backslashes
// (which Windows tools write and archive/zip turns into separators), no
// NUL. Directory entries end in "/".
func localName(name string) bool {
	name = strings.TrimSuffix(name, "/")
	return name != "" && !strings.ContainsAny(name, "\\\x00") && fs.ValidPath(name) && path.Clean(name) == name
}
