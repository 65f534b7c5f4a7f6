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
// id itself, so the result does not depend on the order of ids.
func Unique(ids []string) map[string]string {
	count := map[string]int{}
	for _, id := range ids {
		count[Make(id)]++
	}
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		s := Make(id)
		if s == "" || count[s] > 1 {
			h := sha256.Sum256([]byte(id))
			s = strings.TrimPrefix(s+"-"+hex.EncodeToString(h[:4]), "-")
		}
		out[id] = s
	}
	return out
}
