package verify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/crimemap/crimemap/generator/store"
)

// checkJSON checks that a JSON or GeoJSON file is one JSON value and, with
// the input loaded, that every location it publishes is the input's.
func (c *checker) checkJSON(r *result, src content, geojson bool) {
	valid := src.data != nil && json.Valid(src.data)
	// Most files publish no location: the fast validator settles them.
	if valid && !mayLocate(src.data) {
		return
	}
	pts, err := c.points()
	if err != nil {
		pts = nil // reported once by Site
	}
	w := jsonWalk{geojson: geojson, pts: pts}
	var werr *walkErr
	if valid {
		w.scan(src.data)
	} else {
		rc, err := src.open()
		if err != nil {
			r.add("read", 0, "unreadable: %v", unwrapPath(err))
			return
		}
		werr = w.walk(rc)
		rc.Close()
	}
	offsets := make([]int64, 0, len(w.bad)+1)
	for _, b := range w.bad {
		offsets = append(offsets, b.off)
	}
	if werr != nil {
		offsets = append(offsets, werr.off)
	}
	lines := src.lines(offsets)
	for i, b := range w.bad {
		r.add(b.kind, lines[i], "%s", b.msg)
	}
	if werr != nil {
		r.add("json", lines[len(lines)-1], "invalid JSON: %v", werr.err)
	}
	if pts != nil {
		r.locations += w.locations
	}
}

// mayLocate reports whether a JSON file might hold a location, by the keys
// locations come under.
func mayLocate(b []byte) bool {
	return bytes.Contains(b, []byte(`"latitude"`)) || bytes.Contains(b, []byte(`"coordinates"`))
}

// jsonWalk follows a JSON value's structure, keeping only what it needs to
// find locations: the key each container sits under, an object's "type",
// "latitude" and "longitude", and a "coordinates" array's numbers. Two
// front ends feed it: scan, fast, for a file in memory already known to
// be valid, and walk, a streaming decoder that also validates.
type jsonWalk struct {
	geojson   bool
	pts       *Points // nil: locations are not checked
	stack     []jframe
	bad       []badAt
	locations int
}

type jframe struct {
	obj       bool
	key       string // the current key, in an object, if one that matters
	under     string // the key of the value this container is
	off       int64  // where the container starts
	typ       string
	lat, lon  string // the text of the coordinates, when present
	coords    []string
	hasCoords bool
}

type badAt struct {
	off       int64
	kind, msg string
}

type walkErr struct {
	off int64
	err error
}

func (w *jsonWalk) open(obj bool, off int64) {
	under := ""
	if n := len(w.stack); n > 0 && w.stack[n-1].obj {
		under = w.stack[n-1].key
	}
	w.stack = append(w.stack, jframe{obj: obj, under: under, off: off})
}

// key sets the current key of the innermost object, keeping only the keys
// that matter so that no other key costs an allocation.
func (w *jsonWalk) key(b []byte) {
	k := ""
	switch string(b) {
	case "location", "latitude", "longitude", "type", "coordinates":
		k = string(b)
	}
	w.stack[len(w.stack)-1].key = k
}

// value takes a scalar: a string's content (quoted true), or a number's
// or a literal's text.
func (w *jsonWalk) value(b []byte, quoted bool) {
	n := len(w.stack)
	if n == 0 {
		return
	}
	top := &w.stack[n-1]
	if !top.obj {
		if top.under == "coordinates" && !quoted && len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9') {
			top.coords = append(top.coords, string(b))
		}
		return
	}
	isNull := !quoted && string(b) == "null"
	switch top.key {
	case "type":
		if quoted {
			top.typ = string(b)
		}
	case "latitude":
		if !isNull {
			top.lat = string(b)
		}
	case "longitude":
		if !isNull {
			top.lon = string(b)
		}
	}
}

// scan walks data, which must be valid JSON.
func (w *jsonWalk) scan(data []byte) {
	for i := 0; i < len(data); {
		switch c := data[i]; c {
		case '{', '[':
			w.open(c == '{', int64(i))
			i++
		case '}', ']':
			w.pop()
			i++
		case ',', ':', ' ', '\t', '\n', '\r':
			i++
		case '"':
			j := i + 1
			esc := false
			for ; data[j] != '"'; j++ {
				if data[j] == '\\' {
					esc = true
					j++
				}
			}
			raw := data[i+1 : j]
			if esc {
				var s string
				_ = json.Unmarshal(data[i:j+1], &s) // valid: checked before
				raw = []byte(s)
			}
			k := j + 1
			for k < len(data) && (data[k] == ' ' || data[k] == '\t' || data[k] == '\n' || data[k] == '\r') {
				k++
			}
			if k < len(data) && data[k] == ':' && len(w.stack) > 0 && w.stack[len(w.stack)-1].obj {
				w.key(raw)
				i = k + 1
			} else {
				w.value(raw, true)
				i = j + 1
			}
		default:
			j := i
			for j < len(data) && !bytes.ContainsRune([]byte(",]} \t\n\r"), rune(data[j])) {
				j++
			}
			w.value(data[i:j], false)
			i = j
		}
	}
}

// walk decodes rd as a stream, checking it is exactly one JSON value.
func (w *jsonWalk) walk(rd io.Reader) *walkErr {
	dec := json.NewDecoder(rd)
	dec.UseNumber()
	done := false
	expectKey := []bool{}
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			switch {
			case len(expectKey) > 0:
				return &walkErr{off, errors.New("unexpected end of JSON input")}
			case !done:
				return &walkErr{off, errors.New("no JSON value")}
			}
			return nil
		}
		if err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return &walkErr{se.Offset, err}
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return &walkErr{dec.InputOffset(), errors.New("unexpected end of JSON input")}
			}
			return &walkErr{off, err}
		}
		if done {
			// At the second value's last byte, so the line is its own.
			return &walkErr{dec.InputOffset() - 1, errors.New("more than one JSON value")}
		}
		n := len(expectKey)
		if n > 0 && expectKey[n-1] {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				w.pop()
				expectKey = expectKey[:n-1]
				done = len(expectKey) == 0
				continue
			}
			s, _ := tok.(string)
			w.key([]byte(s))
			expectKey[n-1] = false
			continue
		}
		if n > 0 && w.stack[n-1].obj {
			expectKey[n-1] = true
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				// The offset before Token includes the comma and spaces
				// before the container; after it, the container's start.
				w.open(t == '{', dec.InputOffset()-1)
				expectKey = append(expectKey, t == '{')
				continue
			}
			w.pop() // ']'
			expectKey = expectKey[:n-1]
		case string:
			w.value([]byte(t), true)
		case json.Number:
			w.value([]byte(t), false)
		case nil:
			w.value([]byte("null"), false)
		case bool:
			w.value([]byte(strconv.FormatBool(t)), false)
		}
		done = len(expectKey) == 0
	}
}

// pop closes the innermost container and looks at what it was.
func (w *jsonWalk) pop() {
	f := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	var parent *jframe
	if n := len(w.stack); n > 0 {
		parent = &w.stack[n-1]
	}
	if !f.obj {
		if f.under == "coordinates" && parent != nil && parent.obj {
			parent.coords, parent.hasCoords = f.coords, true
		}
		return
	}
	switch {
	case f.under == "location" && f.lat != "" && f.lon != "":
		w.check(f.off, f.lon, f.lat)
	case w.geojson && f.hasCoords && f.typ == "Point":
		if len(f.coords) != 2 {
			w.bad = append(w.bad, badAt{f.off, "geometry", fmt.Sprintf("point with %d coordinates, want 2", len(f.coords))})
			return
		}
		w.check(f.off, f.coords[0], f.coords[1])
	case w.geojson && f.hasCoords:
		w.bad = append(w.bad, badAt{f.off, "geometry", fmt.Sprintf("a %q geometry: only points may be published", f.typ)})
	}
}

// check checks one published location, given as text.
func (w *jsonWalk) check(off int64, lon, lat string) {
	if w.pts == nil {
		return
	}
	w.locations++
	x, ok1 := store.ParseMicro([]byte(lon))
	y, ok2 := store.ParseMicro([]byte(lat))
	if !ok1 || !ok2 {
		w.bad = append(w.bad, badAt{off, "privacy", fmt.Sprintf("location %q,%q is not a coordinate", lon, lat)})
		return
	}
	if !w.pts.Has(x, y) {
		w.bad = append(w.bad, badAt{off, "privacy", fmt.Sprintf("published location %s,%s is not a location of the input", lon, lat)})
	}
}
