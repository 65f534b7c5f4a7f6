package hosting

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// cloudFrontHarness loads the function as CloudFront would (a script
// defining handler) and feeds it each request as a viewer-request event:
// the URI and query values escaped as the client sent them, a repeated
// parameter under multiValue. It prints the URI the function leaves, "" when
// it changed nothing, unescaped as Match returns it.
const cloudFrontHarness = `
const fs = require('fs');
const handler = new Function(fs.readFileSync(process.argv[2], 'utf8') + '\nreturn handler;')();
const urls = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = urls.map(function (u) {
  const i = u.indexOf('?');
  const uri = i < 0 ? u : u.slice(0, i);
  const qs = {};
  if (i >= 0) {
    u.slice(i + 1).split('&').forEach(function (pair) {
      if (pair === '') { return; }
      const j = pair.indexOf('=');
      const k = j < 0 ? pair : pair.slice(0, j), v = j < 0 ? '' : pair.slice(j + 1);
      if (qs[k]) {
        qs[k].multiValue = qs[k].multiValue || [{ value: qs[k].value }];
        qs[k].multiValue.push({ value: v });
      } else {
        qs[k] = { value: v };
      }
    });
  }
  const req = handler({ version: '1.0', context: { eventType: 'viewer-request' },
    request: { method: 'GET', uri: uri, querystring: qs, headers: {}, cookies: {} } });
  if (req.uri === uri) { return ''; }
  if (Object.keys(req.querystring).length !== 0) { return 'query kept: ' + req.uri; }
  return decodeURIComponent(req.uri);
});
process.stdout.write(JSON.stringify(out));
`

func TestCloudFrontFunctionUnderNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir := t.TempDir()
	fn := filepath.Join(dir, CloudFrontName)
	src := CloudFrontFunction(fixtureRewrites)
	if err := os.WriteFile(fn, src, 0o644); err != nil {
		t.Fatal(err)
	}
	harness := filepath.Join(dir, "harness.js")
	if err := os.WriteFile(harness, []byte(cloudFrontHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	urls := []string{"/api/forces/%zz"} // a bad escape, which Go's server refuses before any handler
	want := []string{""}
	for _, c := range rewriteCases {
		urls = append(urls, c.url)
		want = append(want, c.want)
	}
	in, _ := json.Marshal(urls)
	cmd := exec.Command(node, harness, fn)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderrOf(err))
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("harness output %q: %v", out, err)
	}
	for i := range urls {
		if got[i] != want[i] {
			t.Errorf("CloudFront function on %s: %q, the Go matcher %q", urls[i], got[i], want[i])
		}
	}
	if len(src) > CloudFrontMaxBytes {
		t.Errorf("function is %d bytes, over CloudFront's %d", len(src), CloudFrontMaxBytes)
	}
}

func TestCloudFrontFunctionShape(t *testing.T) {
	src := string(CloudFrontFunction(fixtureRewrites))
	// cloudfront-js-2.0 runs a script whose top level defines handler; it
	// has no modules to export from.
	for _, want := range []string{"\nfunction handler(event) {\n", `{"f":["api","stops-force"],"q":[["force",":force"],["date",":date"]],"t":["/api/stops-force/",":force","/",":date",".json"]}`} {
		if !strings.Contains(src, want) {
			t.Errorf("function lacks %q", want)
		}
	}
	for _, bad := range []string{"export ", "require(", "import "} {
		if strings.Contains(src, bad) {
			t.Errorf("function has %q, which CloudFront does not run", bad)
		}
	}
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
