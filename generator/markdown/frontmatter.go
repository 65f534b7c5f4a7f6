package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/crimemap/crimemap/generator/slug"
)

// frontMatter is the metadata block at the top of a page.
type frontMatter struct {
	title, description, slug, updated string
	order                             int
	// body is the Markdown after the closing fence, and bodyLine the file
	// line it starts on, so that errors found in the body name file lines.
	body     []byte
	bodyLine int
}

const fence = "---"

// parseFrontMatter reads the front matter of the file name. It parses a small
// subset of YAML by hand: the pages need only flat string and integer values,
// and a YAML library would accept far more than we want to check.
func parseFrontMatter(name string, src []byte) (frontMatter, error) {
	var fm frontMatter
	first, rest := cutLine(src)
	if trimLine(first) != fence {
		return fm, errorf(name, 1, "missing front matter: the first line must be %q", fence)
	}
	seen := map[string]int{}
	for line := 2; ; line++ {
		if len(rest) == 0 {
			return fm, errorf(name, 1, "front matter is not closed: no %q line after it", fence)
		}
		var raw []byte
		raw, rest = cutLine(rest)
		text := trimLine(raw)
		if text == fence {
			fm.body, fm.bodyLine = rest, line+1
			break
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue // blank lines and comments, as YAML allows
		}
		if text[0] == ' ' || text[0] == '\t' {
			return fm, errorf(name, line, "indented line: only flat key: value lines are allowed")
		}
		key, value, ok := strings.Cut(text, ":")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			return fm, errorf(name, line, "want key: value, got %q", text)
		}
		if prev, dup := seen[key]; dup {
			return fm, errorf(name, line, "%s is already set on line %d", key, prev)
		}
		seen[key] = line
		v, err := unquote(strings.TrimSpace(value))
		if err == nil {
			err = fm.set(key, v)
		}
		if err != nil {
			return fm, errorf(name, line, "%s: %v", key, err)
		}
	}
	if fm.title == "" {
		return fm, errorf(name, 1, "front matter has no title")
	}
	return fm, nil
}

// set stores one value, checking it as strictly as the pages that use it
// need: a slug becomes a URL path segment and order sorts the page lists.
func (fm *frontMatter) set(key, v string) error {
	switch key {
	case "title":
		if v == "" {
			return errors.New("must not be empty")
		}
		fm.title = v
	case "description":
		fm.description = v
	case "order":
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("want a whole number, got %q", v)
		}
		fm.order = n
	case "slug":
		if v == "" || slug.Make(v) != v {
			return fmt.Errorf("%q is not a slug: use a–z, 0–9 and single hyphens", v)
		}
		fm.slug = v
	case "updated":
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return fmt.Errorf("want a date as YYYY-MM-DD, got %q", v)
		}
		fm.updated = v
	default:
		// Unknown keys are usually typos ("titel"); ignoring them would
		// hide the mistake until someone reads the built page.
		return errors.New("unknown key: want title, description, order, slug or updated")
	}
	return nil
}

// unquote removes YAML-style quotes. Double quotes take Go escapes such as
// \"; in single quotes a quote is written twice, as in YAML. Unquoted values
// are taken as written, so "#" or ":" inside them needs no quoting.
func unquote(v string) (string, error) {
	if v == "" {
		return v, nil
	}
	switch v[0] {
	case '"':
		s, err := strconv.Unquote(v)
		if err != nil {
			return "", fmt.Errorf("bad double-quoted value %s", v)
		}
		return s, nil
	case '\'':
		if len(v) < 2 || v[len(v)-1] != '\'' {
			return "", fmt.Errorf("single-quoted value is not closed: %s", v)
		}
		inner := v[1 : len(v)-1]
		if strings.Contains(strings.ReplaceAll(inner, "''", ""), "'") {
			return "", fmt.Errorf("a quote inside a single-quoted value must be written ''")
		}
		return strings.ReplaceAll(inner, "''", "'"), nil
	}
	return v, nil
}

// cutLine splits off the first line, without its line end.
func cutLine(b []byte) (line, rest []byte) {
	line, rest, _ = bytes.Cut(b, []byte("\n"))
	return line, rest
}

// trimLine drops a CR left by CRLF line ends and trailing blanks, which are
// invisible in an editor and should not change the meaning of a line.
func trimLine(b []byte) string {
	return strings.TrimRight(string(b), " \t\r")
}
