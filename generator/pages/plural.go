package pages

import "github.com/crimemap/crimemap/generator/format"

// plural is the noun a count takes: one for exactly 1, many otherwise
// ("1 crime", "0 crimes", "2 crimes"). Templates call it as
// {{plural .N "crime" "crimes"}}, so n is any of the integer kinds pages
// count in.
func plural(n any, one, many string) string {
	var v int64
	switch n := n.(type) {
	case int:
		v = int64(n)
	case int64:
		v = n
	case uint32:
		v = int64(n)
	case uint64:
		v = int64(n)
	case int32:
		v = int64(n)
	}
	return format.Noun(v, one, many)
}
