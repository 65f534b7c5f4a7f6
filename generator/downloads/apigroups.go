package downloads

import (
	"github.com/crimemap/crimemap/generator/internal/parallel"
	"github.com/crimemap/crimemap/generator/output"
)

// apiGroup is a set of API files made together and reused together: a
// force's areas, or a force's month. Its key identifies everything the
// files are made from, so the files the previous site made from the same
// key are linked from there instead of made again. Most of a monthly
// build's API is such links: one system call a file instead of several.
type apiGroup struct {
	force, month string // month "" for a force's areas
	key          string
	// paths lists the group's files; it depends only on what the key
	// covers, so the previous site has the same list for the same key.
	paths func() []string
	// make makes every file and hands each to put.
	make func(put func(rel string, b []byte) error) error
}

// runGroups reuses or makes every group, in parallel, and records them in
// s for the manifest. A group's files share its key: each is reused from
// the previous site when that site made it from the same key, and the
// rest (all of a changed group, or what a damaged previous site lacks)
// are made.
func (res *Result) runGroups(out *output.Dir, groups []*apiGroup, s *apiStats) error {
	done := make([]apiGroupKey, len(groups))
	linked := make([]int, len(groups))
	// Most groups are linked, which is waiting on the file system rather
	// than work for the processors: more goroutines than processors keep
	// more of those calls in flight.
	err := parallel.Do(4*res.in.Workers, len(groups), func(i int) error {
		g := groups[i]
		done[i] = apiGroupKey{Force: g.force, Month: g.month, Key: g.key}
		reused := map[string]bool{}
		paths := g.paths()
		for _, p := range paths {
			ok, err := out.Reuse(p, g.key)
			if err != nil {
				return err
			}
			if ok {
				reused[p] = true
				e, _ := out.Entry(p)
				done[i].Files++
				done[i].Bytes += e.Size
			}
		}
		linked[i] = len(reused)
		if len(paths) > 0 && len(reused) == len(paths) {
			return nil
		}
		// Make the group, writing what could not be reused.
		done[i].Files, done[i].Bytes = 0, 0
		return g.make(func(rel string, b []byte) error {
			done[i].Files++
			done[i].Bytes += int64(len(b))
			if reused[rel] {
				return nil
			}
			if err := out.Write(rel, b); err != nil {
				return err
			}
			out.SetKey(rel, g.key)
			return nil
		})
	})
	if err != nil {
		return err
	}
	for i, d := range done {
		s.groups = append(s.groups, d)
		s.files += d.Files
		s.bytes += d.Bytes
		s.linked += linked[i]
		if linked[i] == d.Files && d.Files > 0 {
			s.reused++
		}
	}
	return nil
}
