package downloads

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/internal/parallel"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/store"
)

// ForceDir is the folder of a force's files; NeighbourhoodDir of a
// neighbourhood's. They sit under data/, apart from the pages.
func ForceDir(force string) string { return "data/forces/" + force + "/" }

// NeighbourhoodDir is the folder of a neighbourhood's files.
func NeighbourhoodDir(force, nb string) string { return "data/forces/" + force + "/" + nb + "/" }

// CrimesCSVName, CrimesGeoJSONName and CountsName name an area's files.
func CrimesCSVName(m crime.Month) string { return "crimes-" + m.String() + ".csv" }

// CrimesGeoJSONName names an area's GeoJSON of a month's crimes.
func CrimesGeoJSONName(m crime.Month) string { return "crimes-" + m.String() + ".geojson" }

// CountsName names an area's counts by month and category.
const CountsName = "counts-by-month.csv"

// streetHeader is the street files' header, as published.
var streetHeader = []string{"Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
	"Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"}

// writeAreas writes every force's and neighbourhood's files: the latest
// month's crimes, for areas whose force published it, and the counts.
func (res *Result) writeAreas(out *output.Dir) ([]Download, error) {
	st := res.in.Store
	if len(st.Forces) == 0 || res.in.Agg.Months == 0 {
		return nil, nil
	}
	cats := countColumns(res.in.Agg)
	per := make([][]Download, len(st.Forces))
	// Creating thousands of files is waiting on the file system as much
	// as work: more goroutines than processors keep more of it going.
	err := parallel.Do(4*res.in.Workers, len(st.Forces), func(f int) error {
		var err error
		per[f], err = res.forceAreas(out, store.ForceID(f), cats)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("areas: %w", err)
	}
	var all []Download
	for _, ds := range per {
		all = append(all, ds...)
	}
	return all, nil
}

func (res *Result) forceAreas(out *output.Dir, f store.ForceID, cats []crime.Category) ([]Download, error) {
	in := res.in
	st, ix, agg := in.Store, in.Index, in.Agg
	force := st.Forces[f].Slug
	var ds []Download
	add := func(d Download, err error) error {
		ds = append(ds, d)
		return err
	}
	dir := ForceDir(force)
	nbs := ix.ByForce[f]
	if c := st.CrimesOf(f, res.Latest); c != nil {
		c, err := c.WithIDs()
		if err != nil {
			return nil, err
		}
		all := make([]int32, c.Len())
		for i := range all {
			all[i] = int32(i)
		}
		buckets := byNeighbourhood(ix, f, c.Loc)
		if err := add(res.crimesCSV(out, dir, force, "", c, all)); err != nil {
			return nil, err
		}
		if err := add(res.crimesGeoJSON(out, dir, force, "", c, all)); err != nil {
			return nil, err
		}
		for k, nb := range nbs {
			n := &ix.Neighbourhoods[nb]
			d := NeighbourhoodDir(force, n.Slug)
			if err := add(res.crimesCSV(out, d, force, n.Slug, c, buckets[k])); err != nil {
				return nil, err
			}
			if err := add(res.crimesGeoJSON(out, d, force, n.Slug, c, buckets[k])); err != nil {
				return nil, err
			}
		}
	}
	if err := add(writeCounts(out, dir, force, "", agg, &agg.Forces[f], agg.Have[f], cats)); err != nil {
		return nil, err
	}
	for _, nb := range nbs {
		n := &ix.Neighbourhoods[nb]
		if err := add(writeCounts(out, NeighbourhoodDir(force, n.Slug), force, n.Slug, agg, &agg.Neighbourhoods[nb], agg.Have[f], cats)); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

// bufPool holds the buffers files are made in.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// stream makes one download in memory and writes it through out, with
// its size and SHA-256. The files are small enough to hold, and thousands
// of them: output.Dir.Stream's megabyte buffer per file would cost more
// than the files. out.Write also leaves a file the site already has as it
// is, where Stream would write it again.
func stream(out *output.Dir, d Download, fn func(w io.Writer) (rows int, err error)) (Download, error) {
	b := bufPool.Get().(*bytes.Buffer)
	defer func() {
		// A buffer grown by a large force's file is let go, not kept for
		// the many small files after it.
		if b.Cap() <= maxPooled {
			bufPool.Put(b)
		}
	}()
	b.Reset()
	rows, err := fn(b)
	if err != nil {
		return d, fmt.Errorf("%s: %w", d.Path, err)
	}
	if err := out.Write(d.Path, b.Bytes()); err != nil {
		return d, err
	}
	// out hashed the file as it wrote it.
	e, _ := out.Entry(d.Path)
	d.Rows, d.Bytes, d.SHA256 = rows, e.Size, e.Hex()
	return d, nil
}

// maxPooled is the largest buffer bufPool keeps.
const maxPooled = 1 << 20

// crimesCSV writes rows of a month's street table with the published
// columns. The values are the store's, which are the published ones with
// three exceptions the data page states: "Reported by" and "Falls within"
// are the force's name, Context is empty (it always is in the published
// files), and coordinates have six decimals.
func (res *Result) crimesCSV(out *output.Dir, dir, force, nb string, c *store.Crimes, rows []int32) (Download, error) {
	st := res.in.Store
	name := st.Forces[c.Force].Name
	month := c.Month.String()
	d := Download{Path: dir + CrimesCSVName(c.Month), Kind: CrimesCSV, Month: month, Force: force, Neighbourhood: nb}
	return stream(out, d, func(w io.Writer) (int, error) {
		cw := newCSV(w)
		cw.row(streetHeader...)
		for _, i := range rows {
			lon, lat, street, lsoa, lsoaName := "", "", "No Location", "", ""
			if l := c.Loc[i]; l != store.NoLoc {
				loc := st.Locs.Get(l)
				lon, lat = micro(loc.Lon), micro(loc.Lat)
				street, lsoa, lsoaName = st.Strings.Str(loc.Street), st.Strings.Str(loc.LSOA), st.Strings.Str(loc.LSOAName)
			}
			cw.row(crimeID(c, int(i)), month, name, name, lon, lat, street, lsoa, lsoaName,
				c.Cat[i].String(), c.Out[i].String(), "")
		}
		return len(rows), cw.flush()
	})
}

// crimesGeoJSON writes the mapped rows among rows as a FeatureCollection of
// points at their snap points, one feature per crime. Rows with no
// location have no point and are left out.
func (res *Result) crimesGeoJSON(out *output.Dir, dir, force, nb string, c *store.Crimes, rows []int32) (Download, error) {
	st := res.in.Store
	month := c.Month.String()
	d := Download{Path: dir + CrimesGeoJSONName(c.Month), Kind: CrimesGeoJSON, Month: month, Force: force, Neighbourhood: nb}
	return stream(out, d, func(w io.Writer) (int, error) {
		b := make([]byte, 0, 64<<10)
		b = append(b, `{"type":"FeatureCollection","features":[`...)
		n := 0
		for _, i := range rows {
			l := c.Loc[i]
			if l == store.NoLoc {
				continue
			}
			loc := st.Locs.Get(l)
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = append(b, "\n"+`{"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
			b = appendMicro(b, loc.Lon)
			b = append(b, ',')
			b = appendMicro(b, loc.Lat)
			b = append(b, `]},"properties":{"category":`...)
			b = appendString(b, c.Cat[i].Slug())
			b = append(b, `,"persistent_id":`...)
			b = appendString(b, crimeID(c, int(i)))
			b = append(b, `,"month":`...)
			b = appendString(b, month)
			b = append(b, `,"location":`...)
			b = appendString(b, st.Strings.Str(loc.Street))
			b = append(b, `,"outcome":`...)
			b = appendStringOrNull(b, c.Out[i].String())
			b = append(b, "}}"...)
			if len(b) > 60<<10 {
				if _, err := w.Write(b); err != nil {
					return n, err
				}
				b = b[:0]
			}
		}
		b = append(b, "\n]}\n"...)
		_, err := w.Write(b)
		return n, err
	})
}

// countColumns are the categories of the counts files: the current ones,
// and a retired one only where the data has it, the same in every file so
// that files can be put side by side.
func countColumns(agg *aggregate.Aggregates) []crime.Category {
	var out []crime.Category
	for _, c := range crime.Categories() {
		if c.Info().Retired {
			var n uint32
			for m := range agg.National.Crimes {
				n += agg.National.Crimes[m][c]
			}
			if n == 0 {
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// writeCounts writes an area's crimes by month and category. A month the
// force did not publish says so in "published" and has empty cells, never
// zeros.
func writeCounts(out *output.Dir, dir, force, nb string, agg *aggregate.Aggregates, ar *aggregate.Area, have []bool, cats []crime.Category) (Download, error) {
	d := Download{Path: dir + CountsName, Kind: CountsCSV, Force: force, Neighbourhood: nb}
	return stream(out, d, func(w io.Writer) (int, error) {
		cw := newCSV(w)
		cw.cell(true, "month")
		cw.cell(false, "published")
		for _, c := range cats {
			cw.cell(false, c.Slug())
		}
		cw.cell(false, "total")
		cw.end()
		for i := range agg.Months {
			cw.cell(true, agg.Month(i).String())
			if !have[i] {
				cw.cell(false, "no")
				for range len(cats) + 1 {
					cw.cell(false, "")
				}
				cw.end()
				continue
			}
			cw.cell(false, "yes")
			counts := &ar.Crimes[i]
			for _, c := range cats {
				cw.cell(false, strconv.FormatUint(uint64(counts[c]), 10))
			}
			cw.cell(false, strconv.FormatUint(uint64(counts.Total()), 10))
			cw.end()
		}
		return agg.Months, cw.flush()
	})
}
