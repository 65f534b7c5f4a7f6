package source

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
)

// BenchmarkParseStreet parses a real street file (Dyfed-Powys, January
// 2025) from memory and reports throughput.
func BenchmarkParseStreet(b *testing.B) {
	dir := needRealData(b)
	data, err := os.ReadFile(filepath.Join(dir, "2025-01", "2025-01-dyfed-powys-street.csv"))
	if err != nil {
		b.Fatal(err)
	}
	// Size as the loader gives it, which sizes the columns.
	file := File{Path: "x", Month: crime.MakeMonth(2025, 1), Force: "dyfed-powys", Kind: Street, Size: int64(len(data))}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		p := parseFile(file, bytes.NewReader(data))
		rows = p.rows
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
