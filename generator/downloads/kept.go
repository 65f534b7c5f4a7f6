package downloads

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sync"
)

// wholeFile reports whether the exclusions leave a file out whole.
func wholeFile(ex []Exclusion) bool {
	for _, e := range ex {
		if e.From <= 1 && e.To == 0 {
			return true
		}
	}
	return false
}

// sortExclusions orders exclusions by line, so copyKept can walk them
// once. A run that ends where it starts can only be a record the reader
// left at the end of the file with no line feed after it, whose next line
// never came; it runs to the end.
func sortExclusions(ex []Exclusion) []Exclusion {
	clean := slices.IsSortedFunc(ex, compareExclusions)
	for _, x := range ex {
		if x.To != 0 && x.To <= x.From {
			clean = false
		}
	}
	if clean {
		return ex
	}
	ex = slices.Clone(ex)
	for i, x := range ex {
		if x.To != 0 && x.To <= x.From {
			ex[i].To = 0
		}
	}
	slices.SortFunc(ex, compareExclusions)
	return ex
}

func compareExclusions(a, b Exclusion) int { return cmp.Compare(a.From, b.From) }

// copyBufs hold the blocks copyKept copies files in.
var copyBufs = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// errChanged reports an input file whose bytes are not those loaded.
var errChanged = errors.New("changed since it was loaded")

// copyKept copies the file at path to w without the excluded lines, and
// checks on the way that the file is the one the loader read. Lines are
// cut on line feeds only, as the loader counts them, so a record quoted
// over several lines goes out whole or not at all, and every byte kept,
// carriage returns included, is copied as it was.
func copyKept(w io.Writer, fsys fs.FS, path string, want [32]byte, ex []Exclusion) error {
	f, err := fsys.Open(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	ex = sortExclusions(ex)
	h := sha256.New()
	if len(ex) == 0 {
		// Nearly every file: no line to cut, so no line to find; the
		// file goes over in big blocks rather than a write a line.
		buf := copyBufs.Get().(*[]byte)
		defer copyBufs.Put(buf)
		if _, err := io.CopyBuffer(w, io.TeeReader(f, h), *buf); err != nil {
			return fmt.Errorf("copy %s: %w", path, err)
		}
		var got [32]byte
		if h.Sum(got[:0]); got != want {
			return fmt.Errorf("read %s: %w", path, errChanged)
		}
		return nil
	}
	r := bufio.NewReaderSize(io.TeeReader(f, h), 256<<10)
	line, next := 1, 0 // next indexes the first exclusion not yet passed
	for {
		chunk, err := r.ReadSlice('\n')
		for next < len(ex) && ex[next].To != 0 && line >= ex[next].To {
			next++
		}
		cut := next < len(ex) && line >= ex[next].From
		if len(chunk) > 0 && !cut {
			if _, werr := w.Write(chunk); werr != nil {
				return werr
			}
		}
		switch {
		case err == nil:
			line++
		case errors.Is(err, bufio.ErrBufferFull):
			// The rest of a long line follows.
		case err == io.EOF:
			var got [32]byte
			h.Sum(got[:0])
			if got != want {
				return fmt.Errorf("read %s: %w", path, errChanged)
			}
			return nil
		default:
			// The loader could not read past this point either when an
			// exclusion runs to the end; anything else is a new failure.
			if cut && ex[next].To == 0 {
				return nil
			}
			return fmt.Errorf("read %s: %w", path, err)
		}
	}
}
