package tiles

import "slices"

// kv is one count of a feature: a category, or a stop-and-search value.
type kv struct {
	key uint32
	n   uint32
}

// feature is one point feature of a layer at some zoom: a snap point at the
// highest zoom, a cluster of them below. Its counts are in its level's
// array (level.counts), not a slice of its own: a month's features hold
// no pointers, so the collector has nothing in them to scan, and
// clustering appends to one array instead of allocating per feature.
type feature struct {
	px, py uint32 // the representative snap point, in world pixels at the highest zoom
	rep    uint64 // the representative's key (see pointKey): its feature id
	repN   uint32 // the representative's own count, to pick the busiest
	n      uint32 // records counted
	off    uint32 // the first of its counts in level.counts, sorted by key
	ncount uint32 // how many
	detail int32  // index of the snap point's popup detail, or -1 for a cluster
	// place is the representative's popup detail, or -1 for stops: a
	// cluster is named after its busiest snap point ("near").
	place int32
}

// level is one layer's features at one zoom and their counts.
type level struct {
	feats  []feature
	counts []kv
}

// countsOf returns f's counts, sorted by key.
func (l *level) countsOf(f *feature) []kv { return l.counts[f.off : f.off+f.ncount] }

// count adds one to key's count in counts, sorted by key; the caller
// counts the record in n.
func count(counts []kv, key uint32) []kv {
	i, ok := slices.BinarySearchFunc(counts, key, func(e kv, k uint32) int { return int(int64(e.key) - int64(k)) })
	if ok {
		counts[i].n++
		return counts
	}
	return slices.Insert(counts, i, kv{key, 1})
}

// merge adds o's representative and total into f, keeping the busier
// representative: the one with more records of its own, and of two equal
// the lower snap id, so the choice depends only on the data. The caller
// merges the counts.
func (f *feature) merge(o *feature) {
	if o.repN > f.repN || (o.repN == f.repN && o.rep < f.rep) {
		f.px, f.py, f.rep, f.repN, f.place = o.px, o.py, o.rep, o.repN, o.place
	}
	f.n += o.n
	f.detail = -1
}

// mergeCounts appends the merge of a and b, both sorted by key, to out.
func mergeCounts(out, a, b []kv) []kv {
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
func cluster(in *level, shift uint8, cellBits uint8) *level {
	key := func(f *feature) uint64 {
		cx, cy := (f.px>>shift)>>cellBits, (f.py>>shift)>>cellBits
		return uint64(cy)<<32 | uint64(cx)
	}
	idx := make([]int, len(in.feats))
	for i := range idx {
		idx[i] = i
	}
	keys := make([]uint64, len(in.feats))
	for i := range in.feats {
		keys[i] = key(&in.feats[i])
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
	cells := 0
	for i := range idx {
		if i == 0 || keys[idx[i]] != keys[idx[i-1]] {
			cells++
		}
	}
	// Merged counts are never more than the counts merged.
	out := &level{feats: make([]feature, 0, cells), counts: make([]kv, 0, len(in.counts))}
	var merged []kv
	for i := 0; i < len(idx); {
		j := i + 1
		f := in.feats[idx[i]]
		start := len(out.counts)
		out.counts = append(out.counts, in.countsOf(&f)...)
		f.detail = -1
		for ; j < len(idx) && keys[idx[j]] == keys[idx[i]]; j++ {
			o := &in.feats[idx[j]]
			f.merge(o)
			merged = mergeCounts(merged[:0], out.counts[start:], in.countsOf(o))
			out.counts = append(out.counts[:start], merged...)
		}
		f.off, f.ncount = uint32(start), uint32(len(out.counts)-start)
		out.feats = append(out.feats, f)
		i = j
	}
	return out
}
