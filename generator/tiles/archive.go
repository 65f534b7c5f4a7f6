package tiles

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/pmtiles"
	"github.com/crimemap/crimemap/generator/store"
)

// Options shape the archives.
type Options struct {
	MinZoom, MaxZoom uint8
	// CellBits sets the clustering cell below the highest zoom: 2^CellBits
	// pixels of a 4096-pixel tile (6: 64 pixels, about the size of a
	// symbol on screen).
	CellBits uint8
	TempDir  string // for the archive writer's spill file; "" for the default
}

// DefaultOptions are the site's settings: the whole country at zoom 0, snap
// points apart at 14 (the map zooms further by scaling).
var DefaultOptions = Options{MinZoom: 0, MaxZoom: 14, CellBits: 6}

// ZoomStats describe one zoom level of an archive.
type ZoomStats struct {
	Zoom    uint8  `json:"zoom"`
	Tiles   int    `json:"tiles"`
	Bytes   int64  `json:"bytes"`   // uncompressed
	Largest int    `json:"largest"` // uncompressed bytes of the largest tile
	Crimes  uint64 `json:"crimes"`  // sum of n in the crimes layer
	Stops   uint64 `json:"stops"`   // sum of n in the stops layer
}

// Stats describe a month's archive.
type Stats struct {
	Month   string      `json:"month"`
	Mapped  int         `json:"mapped"`  // crimes with a location
	Stopped int         `json:"stopped"` // stops with a location
	Points  int         `json:"points"`  // snap points with crimes
	Zooms   []ZoomStats `json:"zooms"`
	Bytes   int64       `json:"bytes"` // the archive's size
}

// GzipLevel is the gzip level of the month tiles (github.com/klauspost/
// compress). Tiles are small, so much of gzip's cost is per tile (its
// Huffman tables) whatever the level; of the rest, level 3 takes about a
// quarter less time than the default 5 on a national month for 3.4% more
// bytes (47.3 MB against 45.8 MB), and level 2 two fifths less for 5.3%
// more. The tiles are a third of a full build's processor time.
const GzipLevel = 3

// tileJob is one tile to encode.
type tileJob struct {
	id     uint64
	z      uint8
	x, y   uint32
	crimes []*feature
	stops  []*feature
	// crimeLevel and stopLevel hold the features' counts.
	crimeLevel, stopLevel *level
	size                  int    // bytes of the encoded tile
	body                  []byte // the encoded tile compressed for the archive
	err                   error
	encoded               chan struct{}
}

// WriteMonth writes the archive of month m to w.
func WriteMonth(w io.Writer, st *store.Store, ix *index.Index, m crime.Month, opt Options) (Stats, error) {
	d, err := collect(st, ix, m, opt.MaxZoom)
	if err != nil {
		return Stats{}, fmt.Errorf("tiles of %s: %w", m, err)
	}
	stats := Stats{Month: m.String(), Mapped: d.mapped, Stopped: d.stopped, Points: len(d.crimes.feats)}

	// Features at every zoom, highest first: each level clusters the one
	// above it.
	levels := int(opt.MaxZoom-opt.MinZoom) + 1
	crimes := make([]*level, levels)
	stops := make([]*level, levels)
	crimes[levels-1], stops[levels-1] = d.crimes, d.stops
	for z := int(opt.MaxZoom) - 1; z >= int(opt.MinZoom); z-- {
		i := z - int(opt.MinZoom)
		shift := opt.MaxZoom - uint8(z)
		crimes[i] = cluster(crimes[i+1], shift, opt.CellBits)
		stops[i] = cluster(stops[i+1], shift, opt.CellBits)
	}

	// Tiles in tile id order, as the archive wants them.
	var jobs []*tileJob
	for i := range levels {
		z := opt.MinZoom + uint8(i)
		shift := opt.MaxZoom - z
		byTile := map[[2]uint32]*tileJob{}
		place := func(f *feature, stop bool) {
			tx, ty, _, _ := tileOf(f.px>>shift, f.py>>shift)
			j := byTile[[2]uint32{tx, ty}]
			if j == nil {
				j = &tileJob{id: pmtiles.ZxyToID(z, tx, ty), z: z, x: tx, y: ty, encoded: make(chan struct{}),
					crimeLevel: crimes[i], stopLevel: stops[i]}
				byTile[[2]uint32{tx, ty}] = j
				jobs = append(jobs, j)
			}
			if stop {
				j.stops = append(j.stops, f)
			} else {
				j.crimes = append(j.crimes, f)
			}
		}
		for k := range crimes[i].feats {
			place(&crimes[i].feats[k], false)
		}
		for k := range stops[i].feats {
			place(&stops[i].feats[k], true)
		}
	}
	slices.SortFunc(jobs, func(a, b *tileJob) int { return cmp.Compare(a.id, b.id) })

	pw, err := pmtiles.NewWriter(w, pmtiles.Options{
		MinZoom: opt.MinZoom, MaxZoom: opt.MaxZoom, Bounds: d.bounds(),
		Center: [3]float64{-1.5, 53.0, 6}, TileCompression: pmtiles.Gzip, GzipLevel: GzipLevel, TempDir: opt.TempDir,
	})
	if err != nil {
		return stats, err
	}
	zs := make([]ZoomStats, levels)
	for i := range zs {
		zs[i].Zoom = opt.MinZoom + uint8(i)
	}
	nm := newNames(st)
	// Compression is most of the work; each worker encodes and compresses
	// its tiles with buffers of its own.
	err = encodeAll(jobs, func() func(*tileJob) {
		enc := newTileEncoder(nm, d)
		comp := pmtiles.NewCompressor(pmtiles.Gzip, GzipLevel)
		var order []sortItem
		return func(j *tileJob) {
			shift := opt.MaxZoom - j.z
			local := func(f *feature) (x, y int32) {
				_, _, lx, ly := tileOf(f.px>>shift, f.py>>shift)
				return int32(lx), int32(ly)
			}
			order = sortFeatures(j.crimes, shift, order)
			order = sortFeatures(j.stops, shift, order)
			data := enc.encode(j, local)
			j.size = len(data)
			j.body, j.err = comp.Compress(data)
		}
	}, func(j *tileJob) error {
		if j.err != nil {
			return fmt.Errorf("encode tile %d/%d/%d: %w", j.z, j.x, j.y, j.err)
		}
		z := &zs[j.z-opt.MinZoom]
		z.Tiles++
		z.Bytes += int64(j.size)
		z.Largest = max(z.Largest, j.size)
		for _, f := range j.crimes {
			z.Crimes += uint64(f.n)
		}
		for _, f := range j.stops {
			z.Stops += uint64(f.n)
		}
		return pw.AddCompressed(j.z, j.x, j.y, j.body)
	})
	if err != nil {
		return stats, err
	}
	meta, err := monthMetadata(m, opt, MonthKey(st, m, opt))
	if err != nil {
		return stats, err
	}
	ps, err := pw.Finish(meta)
	if err != nil {
		return stats, fmt.Errorf("write archive: %w", err)
	}
	stats.Zooms = zs
	stats.Bytes = ps.Bytes
	return stats, nil
}

// sortItem is a feature with its sort key worked out once, rather than
// in every comparison.
type sortItem struct {
	pos uint32 // y<<extentBits | x, in the tile
	rep uint64
	f   *feature
}

// sortFeatures puts a tile's features in a fixed order: by position (y,
// then x, in the tile) and then snap point, which tells any two apart.
// The features' pixels are shifted right by shift to the tile's zoom.
// scratch is reused from call to call and returned.
func sortFeatures(fs []*feature, shift uint8, scratch []sortItem) []sortItem {
	items := scratch[:0]
	for _, f := range fs {
		_, _, lx, ly := tileOf(f.px>>shift, f.py>>shift)
		items = append(items, sortItem{pos: uint32(ly)<<extentBits | uint32(lx), rep: f.rep, f: f})
	}
	slices.SortFunc(items, func(a, b sortItem) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.rep, b.rep))
	})
	for i := range items {
		fs[i] = items[i].f
	}
	return items
}

// encodeAll encodes tiles on every core, each worker with the encode
// function newWorker gives it, and hands them to add in order, holding
// only a window of encoded tiles in memory. After an error from add, the
// remaining tiles are still encoded but not added.
func encodeAll(jobs []*tileJob, newWorker func() func(*tileJob), add func(*tileJob) error) error {
	workers := runtime.GOMAXPROCS(0)
	window := make(chan struct{}, 4*workers)
	next := make(chan *tileJob)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		encode := newWorker()
		go func() {
			defer wg.Done()
			for j := range next {
				encode(j)
				close(j.encoded)
			}
		}()
	}
	go func() {
		defer close(next)
		for _, j := range jobs {
			window <- struct{}{}
			next <- j
		}
	}()
	var err error
	for _, j := range jobs {
		<-j.encoded
		<-window
		if err == nil {
			err = add(j)
		}
		j.body, j.crimes, j.stops, j.crimeLevel, j.stopLevel = nil, nil, nil, nil, nil
	}
	wg.Wait()
	return err
}

// bounds returns the west, south, east and north of the month's own snap
// points. Not of the whole store's: an archive is named by the key of its
// month's input and reused while that input is the same, so nothing in it
// may depend on other months (a build of four months from nothing must
// give the first three the bytes a build of three gave them).
func (d *monthData) bounds() [4]float64 {
	b := [4]float64{180, 90, -180, -90}
	for _, list := range [][]feature{d.crimes.feats, d.stops.feats} {
		for _, f := range list {
			lon := (store.MinLon + store.Micro(f.rep>>24)).Float()
			lat := (store.MinLat + store.Micro(f.rep&(1<<24-1))).Float()
			b[0], b[1] = min(b[0], lon), min(b[1], lat)
			b[2], b[3] = max(b[2], lon), max(b[3], lat)
		}
	}
	if b[0] > b[2] {
		return [4]float64{-8.7, 49.8, 1.9, 60.9}
	}
	return b
}

// Attribution is the licence notice every archive carries.
const Attribution = `Contains public sector information licensed under the <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">Open Government Licence v3.0</a>.`

// monthMetadata is the archive's JSON metadata: the month, attribution,
// the layers and their fields, and the names of categories and outcomes the
// features refer to by slug and code.
func monthMetadata(m crime.Month, opt Options, key string) ([]byte, error) {
	type layer struct {
		ID          string            `json:"id"`
		Description string            `json:"description"`
		MinZoom     uint8             `json:"minzoom"`
		MaxZoom     uint8             `json:"maxzoom"`
		Fields      map[string]string `json:"fields"`
	}
	crimeFields := map[string]string{"n": "Number", "location": "String", "near": "String", "crimes": "String", "btp": "Number"}
	categories := map[string]string{}
	for _, c := range crime.Categories() {
		crimeFields[c.Slug()] = "Number"
		crimeFields["btp."+c.Slug()] = "Number"
		categories[c.Slug()] = c.String()
	}
	outcomes := map[string]string{}
	for _, o := range crime.Outcomes()[1:] {
		outcomes[o.Info().Code] = o.String()
	}
	meta := map[string]any{
		"name":        "crimes " + m.String(),
		"month":       m.String(),
		"input":       key,
		"format":      "pbf",
		"attribution": Attribution,
		"categories":  categories,
		"outcomes":    outcomes,
		"crimes_format": "location and crimes are set at the highest zoom only, near (the busiest snap point's location) below it; crimes lists " +
			"category|outcome|count items joined by ';' (category slugs and outcome codes as named here); " +
			"btp counts the crimes British Transport Police reported, which are also in n and the categories, " +
			"and btp.<category> those of each category",
		"vector_layers": []layer{
			{ID: CrimesLayer, Description: "Crimes by snap point; clusters below the highest zoom, at their busiest snap point",
				MinZoom: opt.MinZoom, MaxZoom: opt.MaxZoom, Fields: crimeFields},
			{ID: StopsLayer, Description: "Stops and searches by snap point, by object of search (object.*) and outcome (outcome.*)",
				MinZoom: opt.MinZoom, MaxZoom: opt.MaxZoom, Fields: map[string]string{"n": "Number"}},
		},
	}
	return json.Marshal(meta)
}
