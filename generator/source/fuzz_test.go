package source

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/validate"
)

// FuzzOpenZip opens arbitrary bytes as the input zip and loads it, as a
// build would: it must never panic, every entry left unread must be
// reported, and every row read must be kept or reported.
func FuzzOpenZip(f *testing.F) {
	seed := func(entries ...[2]string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, e := range entries {
			w, _ := zw.Create(e[0])
			w.Write([]byte(e[1]))
		}
		zw.Close()
		return buf.Bytes()
	}
	good := streetHead + goodRow
	f.Add(seed([2]string{"2025-01/2025-01-test-street.csv", good}))
	f.Add(seed([2]string{"police/2025-01/2025-01-test-street.csv", good}, [2]string{"2025-01/2025-01-test-street.csv", good}))
	f.Add(seed([2]string{"../2025-01/2025-01-test-street.csv", good}, [2]string{"/x/2025-01/2025-01-a-street.csv", good}))
	f.Add(seed([2]string{"2025-01/2025-01-test-street.csv", good}, [2]string{"2025-01/2025-01-test-street.csv", good + goodRow}))
	f.Add(seed([2]string{"2025-01/", ""}, [2]string{"2025-01/2025-01-test-outcomes.csv", "Crime ID\n"}))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "in.zip")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		in, err := Open(path)
		if err != nil {
			return // not a zip: the build stops with this error
		}
		defer in.Close()
		report := validate.NewReport()
		st, stats, err := Load(in, report, Options{Workers: 1})
		if err != nil {
			return
		}
		if stats.Kept+stats.Excluded != stats.Rows || stats.Excluded > report.Total(validate.Excluded) {
			t.Errorf("stats %+v with %d problems left out", stats, report.Total(validate.Excluded))
		}
		for _, p := range in.FS.(*zipFS).problems {
			if p.File == "" || p.Detail == "" {
				t.Errorf("problem without a file or detail: %+v", p)
			}
		}
		for _, zf := range in.FS.(*zipFS).File {
			if !localName(zf.Name) {
				t.Errorf("entry %q kept", zf.Name)
			}
		}
		for _, inp := range st.Inputs {
			if !localName(inp.Path) {
				t.Errorf("read %q", inp.Path)
			}
		}
	})
}

// FuzzParseRows feeds arbitrary rows to the parser of each kind of file:
// it must never panic, and every data row must be kept or reported, at a
// line of the file.
func FuzzParseRows(f *testing.F) {
	f.Add(uint8(0), goodRow)
	f.Add(uint8(1), ",2025-01,T,T,-1.5,53.5,On or near X,E01,T 001A,Offender given a caution\n")
	f.Add(uint8(2), "Person search,2025-01-15T10:00:00+00:00,False,,53.5,-1.5,Male,18-24,,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,False,False\n")
	f.Add(uint8(2), "Person search,2024-12-31T23:30:00+00:00,,,,,,,,,,,Arrest,,\n")
	f.Add(uint8(1), ",2025-01,T,T,NaN,Inf,\"x\"\"\",E01,\"T\n001A\",Unable to prosecute suspect\r\n")
	f.Fuzz(func(t *testing.T, kind uint8, rows string) {
		k := Kind(kind % 3)
		file := File{Path: "2025-01/2025-01-test-" + k.String() + ".csv", Month: crime.MakeMonth(2025, 1), Force: "test", Kind: k}
		p := parseFile(file, strings.NewReader(strings.Join(headers[k], ",")+"\n"+rows))
		excluded := 0
		for _, pr := range p.problems {
			if pr.Severity == validate.Excluded {
				excluded++
			}
			if pr.File != file.Path || pr.Line < 2 || pr.Detail == "" {
				t.Errorf("problem %+v", pr)
			}
		}
		keptRows := 0
		switch k {
		case Street:
			keptRows = p.crimes.Len()
		case OutcomesKind:
			keptRows = p.outcomes.Len()
		case StopAndSearch:
			keptRows = len(p.stops.Loc)
		}
		if keptRows+excluded != p.rows {
			t.Errorf("%d rows read, %d kept, %d excluded", p.rows, keptRows, excluded)
		}
		if p.bytes != int64(len(strings.Join(headers[k], ","))+1+len(rows)) {
			t.Errorf("read %d bytes of %d", p.bytes, len(rows))
		}
	})
}
