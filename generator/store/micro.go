package store

// ParseMicro parses a decimal coordinate such as "-0.107682" into millionths
// of a degree, rounding any further digits half away from zero. It accepts
// only plain decimals: exponents, "NaN" and "Inf" are errors, which is what
// they are in this data.
func ParseMicro(b []byte) (Micro, bool) {
	i, neg := 0, false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	var whole, frac int64
	nd, nf := 0, 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		whole = whole*10 + int64(b[i]-'0')
		if nd++; nd > 3 {
			return 0, false
		}
	}
	round := false
	if i < len(b) && b[i] == '.' {
		i++
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			if nf < 6 {
				frac = frac*10 + int64(b[i]-'0')
			} else if nf == 6 {
				round = b[i] >= '5'
			}
			nf++
		}
	}
	if i != len(b) || nd+nf == 0 {
		return 0, false
	}
	for k := min(nf, 6); k < 6; k++ {
		frac *= 10
	}
	v := whole*1_000_000 + frac
	if round {
		v++
	}
	if neg {
		v = -v
	}
	return Micro(v), true
}
