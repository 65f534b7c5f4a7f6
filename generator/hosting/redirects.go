package hosting

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// RedirectsName is the path of the _redirects file in a built site: the
// rewrite rules in the syntax Netlify and Cloudflare Pages read.
const RedirectsName = "_redirects"

const redirectsIntro = `# Rewrites for hosts that read a _redirects file, written by crimemap build:
# the live data.police.uk API's paths and query strings answered by the
# static API's files, with status 200 (the file's content, not a redirect).
# Netlify reads every line. Cloudflare Pages has no query matching and
# skips the lines with query parameters (more than three fields), so there
# only the path rules apply. README.md ("Hosting") says what other hosts do.
`

// RedirectsFile returns the _redirects file for rules, one rule a line in
// their order (the first matching rule wins on every host):
//
//	/api/stops-force  force=:force  date=:date  /api/stops-force/:force/:date.json  200
//
// The rules must be ones NewRewriter accepts; ParseRedirects reads the file
// back as the same rules. No rule is forced ("200!", which Cloudflare
// Pages does not list among its statuses): Cloudflare Pages always applies
// its rules, and on Netlify a rule gives way only to a file at the
// request's own path (a folder's index.html among them), which crimemap
// verify checks the site does not have.
func RedirectsFile(rules []Rewrite) []byte {
	var b bytes.Buffer
	b.WriteString(redirectsIntro)
	for _, r := range rules {
		fields := []string{r.From}
		for _, p := range r.Query {
			fields = append(fields, p.Name+"="+p.Value)
		}
		fields = append(fields, r.To, "200")
		b.WriteString(strings.Join(fields, "  "))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// RedirectRule is one rule of a _redirects file and the line it is on.
type RedirectRule struct {
	Rewrite
	Line int
}

// ParseRedirects reads a _redirects file of 200 rewrites: on each line a
// path, any query parameters "name=value", the target path and 200; blank
// lines and lines starting with # are skipped. It reads what RedirectsFile
// writes and refuses the rest of Netlify's syntax (other statuses, forced
// rules, splats, conditions), which crimemap does not write, rather than
// serve it differently from the host. An error names the line at fault.
func ParseRedirects(b []byte) ([]RedirectRule, error) {
	var rules []RedirectRule
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if len(fields) < 3 {
			return nil, fmt.Errorf("line %d: want \"from [name=value ...] to 200\", got %d fields", n, len(fields))
		}
		if status := fields[len(fields)-1]; status != "200" {
			return nil, fmt.Errorf("line %d: status %q: only 200 rewrites are read", n, status)
		}
		r := Rewrite{From: fields[0], To: fields[len(fields)-2]}
		for _, f := range fields[1 : len(fields)-2] {
			name, value, ok := strings.Cut(f, "=")
			if !ok {
				return nil, fmt.Errorf("line %d: query parameter %q has no =", n, f)
			}
			r.Query = append(r.Query, Param{Name: name, Value: value})
		}
		if _, err := compileRewrite(r); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		rules = append(rules, RedirectRule{Rewrite: r, Line: n})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", RedirectsName, err)
	}
	return rules, nil
}

// Rewrites returns the rules of parsed lines, without their line numbers.
func Rewrites(rules []RedirectRule) []Rewrite {
	out := make([]Rewrite, len(rules))
	for i, r := range rules {
		out[i] = r.Rewrite
	}
	return out
}
