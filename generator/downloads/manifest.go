package downloads

import (
	"bytes"
	"encoding/json"

	"github.com/crimemap/crimemap/generator/output"
)

// ManifestPath lists every download, with the key each archive and each
// force's month of API files was made from.
const ManifestPath = "data/downloads.json"

// manifestFile is data/downloads.json.
type manifestFile struct {
	Format  int        `json:"format"`
	Licence string     `json:"licence"`
	LicURL  string     `json:"licence_url"`
	Files   []Download `json:"files"`
	// API records each force's month of API files by key.
	API []apiGroupKey `json:"api"`
}

type apiGroupKey struct {
	Force string `json:"force"`
	Month string `json:"month"`
	Key   string `json:"key"`
	Files int    `json:"files"`
	Bytes int64  `json:"bytes"`
}

// writeManifest writes data/downloads.json, listing res.Downloads as they
// stand (everything but itself and SHA256SUMS).
func (res *Result) writeManifest(out *output.Dir, groups []apiGroupKey) (Download, error) {
	mf := manifestFile{Format: FormatVersion, Licence: Licence, LicURL: LicenceURL, Files: res.Downloads, API: groups}
	if mf.Files == nil {
		mf.Files = []Download{}
	}
	if mf.API == nil {
		mf.API = []apiGroupKey{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	if err := enc.Encode(mf); err != nil {
		return Download{}, err
	}
	if err := out.Write(ManifestPath, b.Bytes()); err != nil {
		return Download{}, err
	}
	return Download{Path: ManifestPath, Kind: Manifest, Bytes: int64(b.Len()), Rows: len(mf.Files), SHA256: sha256Hex(b.Bytes())}, nil
}
