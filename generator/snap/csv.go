package snap

// needsQuote marks the bytes that make a field need quoting.
var needsQuote = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// appendField appends a CSV field, quoted only when it must be, as the
// published files are.
func appendField[S []byte | string](b []byte, s S) []byte {
	for i := 0; i < len(s); i++ {
		if needsQuote[s[i]] {
			return appendQuoted(b, s)
		}
	}
	return append(b, s...)
}

func appendQuoted[S []byte | string](b []byte, s S) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}
