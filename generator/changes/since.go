package changes

import (
	"errors"
	"io/fs"

	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
)

// NoRecord is the reason given when the last build's record cannot be read.
const NoRecord = "The record of the last build's data could not be read, so there is nothing to compare with."

// FromCache compares st with the data of the last build, as the cache
// recorded it, and returns what changed and the record to save
// (cache.SaveInputs) once this build has succeeded; the record is nil
// without a cache.
//
// A build whose input is exactly the last build's compares with what
// that build compared with, not with itself: running a build again, or
// a build from a binary that parses the same, keeps the page as it was
// instead of emptying it, and a build with nothing new rewrites nothing.
func FromCache(cache *source.Cache, st *store.Store) (*Result, *source.Inputs, error) {
	if cache == nil {
		res, err := Compute(st, nil, NoCache)
		return res, nil, err
	}
	rec := &source.Inputs{Files: st.Inputs}
	last, err := cache.LastInputs()
	if err != nil {
		reason := NoRecord
		if errors.Is(err, fs.ErrNotExist) {
			reason = FirstBuild
		}
		res, err := Compute(st, nil, reason)
		return res, rec, err
	}
	rec.Baseline, rec.HasBaseline = last.Files, true
	if sameFiles(last.Files, st.Inputs) {
		rec.Baseline, rec.HasBaseline = last.Baseline, last.HasBaseline
	}
	if !rec.HasBaseline {
		res, err := Compute(st, nil, FirstBuild)
		return res, rec, err
	}
	res, err := Compute(st, &Previous{Inputs: rec.Baseline, Crimes: cache.Crimes}, "")
	return res, rec, err
}

// sameFiles says whether two builds read the same files with the same
// bytes.
func sameFiles(a, b []store.Input) bool {
	if len(a) != len(b) {
		return false
	}
	type key struct {
		path string
		hash [32]byte
	}
	seen := make(map[key]bool, len(a))
	for _, in := range a {
		seen[key{in.Path, in.Hash}] = true
	}
	for _, in := range b {
		if !seen[key{in.Path, in.Hash}] {
			return false
		}
	}
	return true
}
