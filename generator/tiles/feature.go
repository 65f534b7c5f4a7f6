package tiles

import "slices"

// kv is one count of a feature: a category, or a stop-and-search value.
type kv struct {
	key uint32
	n   uint32
}

// feature is one point feature of a layer at some zoom: a snap point at the
// highest zoom, a cluster of them below.
type feature struct {
	px, py uint32 // the representative snap point, in world pixels at the highest zoom
	rep    uint64 // the representative's key (see pointKey): its feature id
	repN   uint32 // the representative's own count, to pick the busiest
	n      uint32 // records counted
	counts []kv   // sorted by key
	detail int32  // index of the snap point's popup detail, or -1 for a cluster
	// place is the representative's popup detail, or -1 for stops: a
	// cluster is named after its busiest snap point ("near").
	place int32
}

// count adds one to key's count; the caller counts the record in n.
func (f *feature) count(key uint32) {
	i, ok := slices.BinarySearchFunc(f.counts, key, func(e kv, k uint32) int { return int(int64(e.key) - int64(k)) })
	if ok {
		f.counts[i].n++
		return
	}
	f.counts = slices.Insert(f.counts, i, kv{key, 1})
}

// merge adds o into f, keeping the busier representative: the one with more
// records of its own, and of two equal the lower snap id, so the choice
// depends only on the data.
func (f *feature) merge(o *feature) {
	if o.repN > f.repN || (o.repN == f.repN && o.rep < f.rep) {
		f.px, f.py, f.rep, f.repN, f.place = o.px, o.py, o.rep, o.repN, o.place
	}
	f.n += o.n
	f.counts = mergeCounts(f.counts, o.counts)
	f.detail = -1
}

func mergeCounts(a, b []kv) []kv {
	out := make([]kv, 0, max(len(a), len(b)))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i].key < b[j].key):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].key < a[i].key:
			out = append(out, b[j])
			j++
		default:
			out = append(out, kv{a[i].key, a[i].n + b[j].n})
			i++
			j++
		}
	}
	return out
}

// cluster merges the features of each cell of 2^cellBits pixels at zoom z,
// given features of zoom z+1 (maxZoom for the first call). Cells nest in
// tiles, so a cluster's representative lies in the tile that counts it.
func cluster(in []feature, shift uint8, cellBits uint8) []feature {
	key := func(f *feature) uint64 {
		cx, cy := (f.px>>shift)>>cellBits, (f.py>>shift)>>cellBits
		return uint64(cy)<<32 | uint64(cx)
	}
	idx := make([]int, len(in))
	for i := range idx {
		idx[i] = i
	}
	keys := make([]uint64, len(in))
	for i := range in {
		keys[i] = key(&in[i])
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case keys[a] < keys[b]:
			return -1
		case keys[a] > keys[b]:
			return 1
		}
		return 0
	})
	var out []feature
	for i := 0; i < len(idx); {
		j := i + 1
		f := in[idx[i]]
		f.counts = slices.Clone(f.counts)
		f.detail = -1
		for ; j < len(idx) && keys[idx[j]] == keys[idx[i]]; j++ {
			f.merge(&in[idx[j]])
		}
		out = append(out, f)
		i = j
	}
	return out
}
