// Package slug turns identifiers from data into safe, stable URL path
// segments.
//
// A slug holds only a–z, 0–9 and single hyphens, so it can never climb out
// of a folder, hide a file, or need escaping in a URL. Identifiers that would
// make the same slug are told apart by a short hash of the original, so the
// same input always gets the same slug whatever else is in the data.
package slug

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxLen bounds a slug, keeping file names well under any file system's limit.
const MaxLen = 80

// Make returns the slug of s: lower case, accents removed, "&" spelled "and",
// every other run of characters outside a–z and 0–9 one hyphen. It returns
// "" when nothing is left.
func Make(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z':
			r = unicode.ToLower(r)
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent, split off by NFKD
		case r == '&':
			if b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteString("and")
			hyphen = true
			continue
		default:
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteRune(r)
		if b.Len() >= MaxLen {
			break
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// Unique gives each id a slug that no other id in the set has. An id whose
// slug is taken by another id, or empty, gets a suffix from a hash of the
// id itself, so the result does not depend on the order of ids, and an id
// keeps its slug as long as no other id makes the same one. Repeated ids
// count once.
//
// A suffixed slug could still equal another id's plain slug ("a-b" and
// "A/B" both make "a-b"; a third id may be "a-b-" and that hash) or, in
// principle, another suffixed one: such slugs take a longer piece of the
// hash until every slug is unique.
func Unique(ids []string) map[string]string {
	plain := make(map[string]string, len(ids))
	count := map[string]int{}
	for _, id := range ids {
		if _, seen := plain[id]; !seen {
			s := Make(id)
			plain[id] = s
			count[s]++
		}
	}
	out := make(map[string]string, len(plain))
	hashed := map[string]bool{}
	for id, s := range plain {
		if s == "" || count[s] > 1 {
			s, hashed[id] = suffixed(s, id, 4), true
		}
		out[id] = s
	}
	for n := 8; n <= sha256.Size; n *= 2 {
		users := map[string]int{}
		for _, s := range out {
			users[s]++
		}
		clash := false
		for id, s := range out {
			if users[s] > 1 && hashed[id] {
				out[id], clash = suffixed(plain[id], id, n), true
			}
		}
		if !clash {
			break
		}
	}
	return out
}

// suffixed is s with the first n bytes of id's hash, in hex.
func suffixed(s, id string, n int) string {
	h := sha256.Sum256([]byte(id))
	return strings.TrimPrefix(s+"-"+hex.EncodeToString(h[:n]), "-")
}
