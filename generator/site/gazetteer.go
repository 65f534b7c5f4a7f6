package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/crimemap/crimemap/generator/catchment"
	"github.com/crimemap/crimemap/generator/internal/readsize"
	"github.com/crimemap/crimemap/generator/snap"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// GazetteerName is the snap-point gazetteer's path in the reference data,
// where crimemap sample leaves it, used when --gazetteer is not given.
const GazetteerName = "exact/gazetteer.csv"

// openGazetteer finds the snap-point gazetteer: --gazetteer, or the one in
// the reference data, whether that is a folder or inside a zip.
func openGazetteer(cfg Config, in *source.Input) (open func() (io.ReadCloser, error), name string, ok bool) {
	if cfg.Gazetteer != "" {
		return func() (io.ReadCloser, error) { return os.Open(cfg.Gazetteer) }, cfg.Gazetteer, true
	}
	return refFile(cfg, in, GazetteerName)
}

// gazetteer reads the snap-point gazetteer and works out which of its
// points the snap rules could choose. It needs nothing of the data, so it
// runs beside the load, and keeps its problems in a report of its own
// that the privacy stage adds to the build's, after the load's, as when
// the two ran one after the other. Without a gazetteer it has nothing to
// do. Out: gaz, eligible (for the catchments).
//
// The gazetteer changes far less often than the data, so a gazetteer
// without problems has its eligible points kept in the build's cache, by
// its content: the next build reads and hashes the file (a few hundredths
// of a second for a national one) rather than parsing it and applying
// the rules (two seconds).
func (b *build) gazetteer(context.Context) (string, error) {
	open, path, ok := openGazetteer(b.cfg, b.in)
	if !ok {
		return "", errSkip
	}
	r, err := open()
	if err != nil {
		return "", err
	}
	var data bytes.Buffer
	data.Grow(int(readsize.Of(r)))
	_, err = data.ReadFrom(r)
	r.Close()
	if err != nil {
		return "", fmt.Errorf("gazetteer %s: %w", path, err)
	}
	sum := sha256.Sum256(data.Bytes())
	gz := &gazetteerCheck{path: path, report: validate.NewReport()}
	var (
		points int
		from   string // where the eligible points came from, for the line
	)
	if cached, ok := b.cachedGazetteer(sum); ok {
		points, b.eligible, from = cached.points, cached.eligible, ", from the cache"
	} else {
		g, err := snap.ReadGazetteer(bytes.NewReader(data.Bytes()), path, gz.report)
		if err != nil {
			return "", err
		}
		s, err := snap.New(g, snap.DefaultRules())
		if err != nil {
			return "", err
		}
		points = len(g.Points)
		for i, pt := range g.Points {
			if s.Eligible(int32(i)) {
				b.eligible = append(b.eligible, catchment.Point{Lon: pt.Lon, Lat: pt.Lat})
			}
		}
		// Problems are the build report's, with the file's name: only a
		// gazetteer without any is kept.
		if b.cache != nil && gz.report.Len() == 0 {
			facts := gazetteerFacts{points: points, eligible: b.eligible}
			if err := b.cache.PutDerived(gazetteerCacheName, sum, facts.encode()); err != nil {
				from = fmt.Sprintf(" (not kept for the next build: %v)", err)
			}
		}
	}
	gz.allowed = make(map[[2]store.Micro]bool, len(b.eligible))
	for _, p := range b.eligible {
		gz.allowed[[2]store.Micro{p.Lon, p.Lat}] = true
	}
	b.gaz = gz
	return fmt.Sprintf("%d snap points in %s, %d of them eligible%s", points, path, len(gz.allowed), from), nil
}

// gazetteerCheck is what the privacy stage checks the data against.
type gazetteerCheck struct {
	path    string
	allowed map[[2]store.Micro]bool // the eligible snap points
	report  *validate.Report        // the gazetteer's own problems
}

// gazetteerCacheName names the gazetteer's facts in the build's cache.
const gazetteerCacheName = "gazetteer"

// gazetteerFacts are what the build needs of a gazetteer without
// problems: how many points it has, and the eligible ones, in its order.
type gazetteerFacts struct {
	points   int
	eligible []catchment.Point
}

// gazetteerMagic starts the encoding; a new layout takes a new number.
const gazetteerMagic = "crimemap gazetteer facts 1\n"

// encode lays the facts out as the magic, the count of points and of
// eligible points, then each eligible point's longitude and latitude, all
// little-endian.
func (f gazetteerFacts) encode() []byte {
	b := make([]byte, 0, len(gazetteerMagic)+16+8*len(f.eligible))
	b = append(b, gazetteerMagic...)
	b = binary.LittleEndian.AppendUint64(b, uint64(f.points))
	b = binary.LittleEndian.AppendUint64(b, uint64(len(f.eligible)))
	for _, p := range f.eligible {
		b = binary.LittleEndian.AppendUint32(b, uint32(p.Lon))
		b = binary.LittleEndian.AppendUint32(b, uint32(p.Lat))
	}
	return b
}

// decodeGazetteerFacts reads what encode wrote.
func decodeGazetteerFacts(b []byte) (gazetteerFacts, error) {
	var f gazetteerFacts
	rest, ok := bytes.CutPrefix(b, []byte(gazetteerMagic))
	if !ok || len(rest) < 16 {
		return f, errors.New("not a gazetteer's facts")
	}
	points, n := binary.LittleEndian.Uint64(rest), binary.LittleEndian.Uint64(rest[8:])
	rest = rest[16:]
	if n > points || n > uint64(len(rest))/8 || uint64(len(rest)) != 8*n {
		return f, fmt.Errorf("%d eligible of %d points in %d bytes", n, points, len(rest))
	}
	f.points, f.eligible = int(points), make([]catchment.Point, n)
	for i := range f.eligible {
		f.eligible[i] = catchment.Point{Lon: store.Micro(binary.LittleEndian.Uint32(rest)), Lat: store.Micro(binary.LittleEndian.Uint32(rest[4:]))}
		rest = rest[8:]
	}
	return f, nil
}

// cachedGazetteer is the facts of the gazetteer whose SHA-256 is sum, from
// the build's cache; false without a cache or an entry that reads.
func (b *build) cachedGazetteer(sum [32]byte) (gazetteerFacts, bool) {
	if b.cache == nil {
		return gazetteerFacts{}, false
	}
	data, ok := b.cache.Derived(gazetteerCacheName, sum)
	if !ok {
		return gazetteerFacts{}, false
	}
	f, err := decodeGazetteerFacts(data)
	return f, err == nil
}
