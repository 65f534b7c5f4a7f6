package downloads

import (
	"path/filepath"

	"github.com/crimemap/crimemap/generator/output"
)

// apiGroup is a set of API files made together and reused together: a
// force's areas, or a force's month. Its key identifies everything the
// files are made from, so a group whose key the previous site's manifest
// records is linked from there instead of made again. Most of a monthly
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

// runGroups links or makes every group, in parallel, and records them in
// s for the manifest.
func (res *Result) runGroups(out *output.Dir, prev *manifest, groups []*apiGroup, s *apiStats) error {
	done := make([]apiGroupKey, len(groups))
	linked := make([]int, len(groups))
	// Most groups are linked, which is waiting on the file system rather
	// than work for the processors: more goroutines than processors keep
	// more of those calls in flight.
	err := parallel(4*res.in.Workers, len(groups), func(i int) error {
		g := groups[i]
		done[i] = apiGroupKey{Force: g.force, Month: g.month, Key: g.key}
		var missing map[string]bool
		if p, ok := prev.api[g.force+"/"+g.month]; ok && p.Key == g.key {
			// The same key gives the same files, so their count and
			// bytes are the previous build's.
			done[i].Files, done[i].Bytes = p.Files, p.Bytes
			missing = map[string]bool{}
			paths := g.paths()
			for _, p := range paths {
				if err := out.Link(p, filepath.Join(res.in.Prev, filepath.FromSlash(p))); err != nil {
					missing[p] = true
				}
			}
			linked[i] = len(paths) - len(missing)
			if len(missing) == 0 {
				return nil
			}
		}
		// Make the group: all of it, or what could not be linked.
		var files int
		var bytes int64
		err := g.make(func(rel string, b []byte) error {
			files++
			bytes += int64(len(b))
			if missing != nil && !missing[rel] {
				return nil
			}
			return out.Write(rel, b)
		})
		if missing == nil {
			done[i].Files, done[i].Bytes = files, bytes
		}
		return err
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
