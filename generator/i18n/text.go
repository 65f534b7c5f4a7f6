package i18n

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/crimemap/crimemap/generator/format"
)

// text is a message text parsed once when the catalogue loads, so that a
// page, which may print thousands of messages, never parses one.
type text struct {
	src   string // as the catalogue gives it, for scripts (Messages.Script)
	parts []part
	args  []string // the placeholders' names, in order of first use
}

// part is a literal run of text, or a placeholder when arg is set.
type part struct {
	lit, arg string
}

// parseText parses a message text: literal text, {name} placeholders, and
// "{{" and "}}" for literal braces.
func parseText(s string) (text, error) {
	t := text{src: s}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			t.parts = append(t.parts, part{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '{' && strings.HasPrefix(s[i:], "{{"):
			lit.WriteByte('{')
			i++
		case c == '}' && strings.HasPrefix(s[i:], "}}"):
			lit.WriteByte('}')
			i++
		case c == '}':
			return text{}, errors.New(`"}" with no placeholder open (write "}}" for a brace)`)
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return text{}, errors.New(`placeholder not closed (write "{{" for a brace)`)
			}
			name := s[i+1 : i+end]
			if !validName(name) {
				return text{}, fmt.Errorf("placeholder {%s}: a name is a-z, 0-9, - and _, starting with a letter", name)
			}
			flush()
			t.parts = append(t.parts, part{arg: name})
			if !contains(t.args, name) {
				t.args = append(t.args, name)
			}
			i += end
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	return t, nil
}

func validName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// empty reports whether the text prints nothing.
func (t text) empty() bool { return len(t.parts) == 0 }

// render fills the placeholders from args, name/value pairs already
// checked by checkArgs.
func (t text) render(args []any) (string, error) {
	if len(t.parts) == 1 && t.parts[0].arg == "" {
		return t.parts[0].lit, nil // most messages: no placeholder, no allocation
	}
	var b strings.Builder
	for _, p := range t.parts {
		if p.arg == "" {
			b.WriteString(p.lit)
			continue
		}
		v, ok := argValue(args, p.arg)
		if !ok {
			return "", fmt.Errorf("no value for placeholder {%s}", p.arg)
		}
		s, err := argText(v)
		if err != nil {
			return "", fmt.Errorf("placeholder {%s}: %w", p.arg, err)
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// checkArgs checks that args are name/value pairs with string names.
func checkArgs(args []any) error {
	if len(args)%2 != 0 {
		return fmt.Errorf("arguments are name/value pairs, got %d values", len(args))
	}
	for i := 0; i < len(args); i += 2 {
		if _, ok := args[i].(string); !ok {
			return fmt.Errorf("argument %d: a name must be a string, not %T", i, args[i])
		}
	}
	return nil
}

// argValue finds the value named name. A message has few placeholders, so
// a scan costs less than building a map.
func argValue(args []any, name string) (any, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1], true
		}
	}
	return nil, false
}

// argText writes a placeholder's value: a string as it is, an integer as a
// count with thousands separators.
func argText(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	n, err := count(v)
	if err != nil {
		return "", err
	}
	return format.Count(n), nil
}

// count returns an integer argument of any of the kinds pages count in.
func count(v any) (int64, error) {
	switch n := v.(type) {
	case int:
		return int64(n), nil
	case int8:
		return int64(n), nil
	case int16:
		return int64(n), nil
	case int32:
		return int64(n), nil
	case int64:
		return n, nil
	case uint:
		return unsigned(uint64(n))
	case uint8:
		return int64(n), nil
	case uint16:
		return int64(n), nil
	case uint32:
		return int64(n), nil
	case uint64:
		return unsigned(n)
	}
	return 0, fmt.Errorf("a value must be a string or an integer, not %T", v)
}

func unsigned(n uint64) (int64, error) {
	if n > math.MaxInt64 {
		return 0, fmt.Errorf("count %d is too large", n)
	}
	return int64(n), nil
}
