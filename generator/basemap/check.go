package basemap

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/paulmach/orb/encoding/mvt"

	"github.com/crimemap/crimemap/generator/pmtiles"
)

// Info describes a basemap archive that Check accepted.
type Info struct {
	MinZoom, MaxZoom int
	Bounds           [4]float64 // west, south, east, north
	Center           [3]float64 // lon, lat, zoom
	Layers           []string   // the vector layers the metadata names, sorted
	Attribution      string     // the metadata's attribution, or "© OpenStreetMap contributors" when it has none
}

// Required are the layers a basemap must have for the map's style.
var Required = []string{"boundaries", "buildings", "earth", "landcover", "landuse", "places", "pois", "roads", "water"}

// CheckFile checks that path is a PMTiles v3 archive of vector (MVT) tiles
// whose metadata names every Required layer, and reads one tile to be sure the
// tiles decode. Errors name the file and the problem ("basemap x.pmtiles: tiles
// are png, want mvt vector tiles"; "...: missing layers landuse, pois"; "...: not a
// PMTiles v3 archive: ...").
func CheckFile(path string) (Info, error) {
	f, err := os.Open(path)
	if err != nil {
		return Info{}, fmt.Errorf("basemap %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Info{}, fmt.Errorf("basemap %s: %w", path, err)
	}
	if st.IsDir() {
		return Info{}, fmt.Errorf("basemap %s: is a folder, not a PMTiles v3 archive", path)
	}
	info, err := Check(f, st.Size())
	if err != nil {
		return Info{}, fmt.Errorf("basemap %s: %w", path, err)
	}
	return info, nil
}

// errStop ends a walk of the archive's entries at the first.
var errStop = errors.New("stop")

// Check checks the archive of size bytes behind r as CheckFile does, for
// an archive that is not a file of its own (a copy, an entry of a zip);
// its errors name no file.
func Check(r io.ReaderAt, size int64) (Info, error) {
	if size == 0 {
		return Info{}, errors.New("not a PMTiles v3 archive: the file is empty")
	}
	rd, err := pmtiles.Open(r, size)
	if err != nil {
		return Info{}, fmt.Errorf("not a PMTiles v3 archive: %w", err)
	}
	h := rd.Header()
	if h.TileType != pmtiles.MVT {
		return Info{}, fmt.Errorf("tiles are %s, want mvt vector tiles", tileTypeName(h.TileType))
	}
	raw, err := rd.Metadata()
	if err != nil {
		return Info{}, err
	}
	var meta struct {
		Attribution  string `json:"attribution"`
		VectorLayers []struct {
			ID string `json:"id"`
		} `json:"vector_layers"`
	}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &meta); err != nil {
			return Info{}, fmt.Errorf("metadata: %w", err)
		}
	}
	var layers []string
	for _, l := range meta.VectorLayers {
		if !slices.Contains(layers, l.ID) {
			layers = append(layers, l.ID)
		}
	}
	slices.Sort(layers)
	var missing []string
	for _, want := range Required {
		if !slices.Contains(layers, want) {
			missing = append(missing, want)
		}
	}
	if len(missing) > 0 {
		return Info{}, fmt.Errorf("missing layers %s", strings.Join(missing, ", "))
	}
	var first pmtiles.Entry
	found := false
	err = rd.Entries(func(e pmtiles.Entry) error {
		first, found = e, true
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return Info{}, fmt.Errorf("read directory: %w", err)
	}
	if !found {
		return Info{}, errors.New("has no tiles")
	}
	if !pmtiles.ValidID(first.TileID) {
		return Info{}, fmt.Errorf("tile id %d is not a tile", first.TileID)
	}
	z, x, y := pmtiles.IDToZxy(first.TileID)
	data, _, err := rd.Tile(z, x, y)
	if err != nil {
		return Info{}, err
	}
	if err := decodes(data); err != nil {
		return Info{}, fmt.Errorf("tile %d/%d/%d: %w", z, x, y, err)
	}
	attr := meta.Attribution
	if attr == "" {
		attr = DefaultAttribution
	}
	return Info{
		MinZoom:     int(h.MinZoom),
		MaxZoom:     int(h.MaxZoom),
		Bounds:      h.Bounds(),
		Center:      h.Center(),
		Layers:      layers,
		Attribution: attr,
	}, nil
}

// decodes checks that data is a vector tile with at least one layer. orb's
// decoder is not written for hostile input, so a panic in it is taken as
// the tile not decoding rather than allowed to end the build.
func decodes(data []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("not a vector tile: %v", p)
		}
	}()
	if bytes.HasPrefix(data, []byte("\x89PNG")) || bytes.HasPrefix(data, []byte("\xff\xd8\xff")) {
		return errors.New("is an image, not a vector tile")
	}
	layers, err := mvt.Unmarshal(data)
	if err != nil {
		return fmt.Errorf("not a vector tile: %w", err)
	}
	if len(layers) == 0 {
		return errors.New("not a vector tile: no layers")
	}
	return nil
}

func tileTypeName(t pmtiles.TileType) string {
	switch t {
	case pmtiles.PNG:
		return "png"
	case pmtiles.JPEG:
		return "jpeg"
	case pmtiles.WEBP:
		return "webp"
	case pmtiles.AVIF:
		return "avif"
	}
	return fmt.Sprintf("of unknown type %d", uint8(t))
}
