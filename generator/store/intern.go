package store

// StrID names an interned string. 0 is the empty string.
type StrID uint32

// Strings interns strings: each distinct value is stored once.
type Strings struct {
	ids  map[string]StrID
	strs []string
}

// NewStrings returns a table holding only the empty string, as StrID 0.
func NewStrings() *Strings {
	return &Strings{ids: map[string]StrID{"": 0}, strs: []string{""}}
}

// StringList returns a table holding strs, which must start with the empty
// string and hold each value once, as Strings' own list does. Its index is
// built on first lookup, so a table that is only read costs no map.
func StringList(strs []string) *Strings { return &Strings{strs: strs} }

func (s *Strings) index() {
	if s.ids == nil {
		s.ids = make(map[string]StrID, len(s.strs))
		for i, str := range s.strs {
			s.ids[str] = StrID(i)
		}
	}
}

// ID returns the id of b, adding it if new. Looking up an existing value does
// not allocate.
func (s *Strings) ID(b []byte) StrID {
	s.index()
	if id, ok := s.ids[string(b)]; ok {
		return id
	}
	str := string(b)
	id := StrID(len(s.strs))
	s.strs = append(s.strs, str)
	s.ids[str] = id
	return id
}

// IDString is ID for a string.
func (s *Strings) IDString(str string) StrID {
	s.index()
	if id, ok := s.ids[str]; ok {
		return id
	}
	id := StrID(len(s.strs))
	s.strs = append(s.strs, str)
	s.ids[str] = id
	return id
}

// Str returns the string for an id.
func (s *Strings) Str(id StrID) string { return s.strs[id] }

// All returns the strings in id order. The caller must not modify it.
func (s *Strings) All() []string { return s.strs }

// Len returns the number of distinct strings, the empty string included.
func (s *Strings) Len() int { return len(s.strs) }
