package downloads

import (
	"regexp"
	"strings"

	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/store"
)

// safeID matches neighbourhood ids that can be a path segment as they are,
// like police.uk's ("NC04", "E05001000").
var safeID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$`)

// reservedSegments are names a neighbourhood's segment must not take,
// since the force's folder uses them.
var reservedSegments = map[string]bool{"neighbourhoods": true}

// apiSegments gives each neighbourhood its API path segment: its
// police.uk id where that is safe in a path, so that /api/<force>/<id>
// maps to api/<force>/<id>.json as on the live API; otherwise (ids made
// from LSOA names, ids equal but for case, which a case-blind file system
// would merge, reserved names) its slug.
func apiSegments(st *store.Store, ix *index.Index) map[int32]string {
	out := make(map[int32]string, len(ix.Neighbourhoods))
	for f := range st.Forces {
		nbs := ix.ByForce[f]
		seg := make([]string, len(nbs))
		for k, nb := range nbs {
			n := &ix.Neighbourhoods[nb]
			seg[k] = n.Slug
			if safeID.MatchString(n.ID) {
				seg[k] = n.ID
			}
		}
		// Slugs are unique within a force, so falling back to them ends
		// every clash; two rounds settle a clash between an id and a slug.
		for range 3 {
			count := map[string]int{}
			for _, s := range seg {
				count[strings.ToLower(s)]++
			}
			changed := false
			for k, nb := range nbs {
				l := strings.ToLower(seg[k])
				if count[l] > 1 || reservedSegments[l] {
					if s := ix.Neighbourhoods[nb].Slug; seg[k] != s {
						seg[k], changed = s, true
					}
				}
			}
			if !changed {
				break
			}
		}
		for k, nb := range nbs {
			if reservedSegments[seg[k]] {
				seg[k] = "n-" + seg[k]
			}
			out[nb] = seg[k]
		}
	}
	return out
}
