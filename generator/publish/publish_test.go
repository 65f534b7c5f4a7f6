package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7"

	"github.com/crimemap/crimemap/generator/hosting"
	"github.com/crimemap/crimemap/generator/manifest"
	"github.com/crimemap/crimemap/generator/publish/miniotest"
)

// testSite is a small built site: files and their manifest.
type testSite struct {
	t   *testing.T
	dir string
}

func newSite(t *testing.T, files map[string]string) *testSite {
	s := &testSite{t: t, dir: t.TempDir()}
	for p, body := range files {
		s.set(p, body)
	}
	s.writeManifest()
	return s
}

func (s *testSite) set(p, body string) {
	s.t.Helper()
	full := filepath.Join(s.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *testSite) remove(p string) {
	s.t.Helper()
	if err := os.Remove(filepath.Join(s.dir, filepath.FromSlash(p))); err != nil {
		s.t.Fatal(err)
	}
}

// writeManifest writes manifest.txt as the build does.
func (s *testSite) writeManifest() {
	s.t.Helper()
	var es []manifest.Entry
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(s.dir, p)
		rel = filepath.ToSlash(rel)
		if rel == manifest.Name {
			return nil
		}
		size, sum, err := manifest.HashFile(p)
		es = append(es, manifest.Entry{Path: rel, Size: size, SHA256: sum})
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, manifest.Name), manifest.Encode(es), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// files returns the site's paths, the manifest included.
func (s *testSite) files() []string {
	es, err := manifest.ReadFile(filepath.Join(s.dir, manifest.Name))
	if err != nil {
		s.t.Fatal(err)
	}
	out := []string{manifest.Name}
	for _, e := range es {
		out = append(out, e.Path)
	}
	slices.Sort(out)
	return out
}

// tileBytes is a tile archive's worth of bytes: more than a multipart
// part, and starting like gzip, which nothing may decompress or recompress.
func tileBytes(seed uint64, n int) string {
	r := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	copy(b, []byte{0x1f, 0x8b, 0x08, 0x00})
	return string(b)
}

func baseFiles() map[string]string {
	return map[string]string{
		"index.html":                        `<script type="module" src="assets/site-AAA.js"></script><a href="forces/a/">A</a>`,
		"404.html":                          "<h1>Page not found</h1>",
		"forces/a/index.html":               `<h1>Force A</h1>`,
		"forces/a/feed.xml":                 "<feed>a</feed>",
		"assets/site-AAA.js":                "console.log('a')",
		"assets/site-AAA.css":               "body{color:black}",
		"tiles/crimes-2025-01-1111.pmtiles": tileBytes(1, 17<<20+123),
		"tiles/boundaries-2222.pmtiles":     tileBytes(2, 4096),
		"data/2025-01.zip":                  "PK\x03\x04zip bytes",
		"data/SHA256SUMS":                   "abc  2025-01.zip\n",
		"api/forces.json":                   `[{"id":"a"}]`,
		"search/places.json":                `[]`,
		"sitemap.xml":                       "<urlset/>",
		"robots.txt":                        "User-agent: *\n",
		hosting.HeadersName:                 string(hosting.HeadersFile(hosting.Options{})),
	}
}

type env struct {
	t      *testing.T
	srv    *miniotest.Server
	client *minio.Client
	bucket string
}

func newEnv(t *testing.T) *env {
	srv := miniotest.Start(t)
	return &env{t: t, srv: srv, client: srv.Client(t), bucket: srv.Bucket(t)}
}

// publish runs a publish and returns its plan and summary, and the keys in
// the order their uploads finished.
func (e *env) publish(ctx context.Context, cfg Config) (*Plan, Summary, []string, error) {
	e.t.Helper()
	cfg.Bucket = e.bucket
	var order []string
	hook := cfg.afterUpload
	cfg.afterUpload = func(key string) {
		order = append(order, key)
		if hook != nil {
			hook(key)
		}
	}
	cfg.Workers = 1 // upload order and interruption points exact
	p, s, err := Publish(ctx, e.client, cfg)
	return p, s, order, err
}

type remoteObj struct {
	body, ctype, cache, encoding, sha, etag string
}

// objects returns every object under prefix, by site path.
func (e *env) objects(prefix string) map[string]remoteObj {
	e.t.Helper()
	ctx := context.Background()
	out := map[string]remoteObj{}
	for info := range e.client.ListObjects(ctx, e.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if info.Err != nil {
			e.t.Fatal(info.Err)
		}
		obj, err := e.client.GetObject(ctx, e.bucket, info.Key, minio.GetObjectOptions{})
		if err != nil {
			e.t.Fatal(err)
		}
		body, err := io.ReadAll(obj)
		obj.Close()
		if err != nil {
			e.t.Fatal(err)
		}
		st, err := e.client.StatObject(ctx, e.bucket, info.Key, minio.StatObjectOptions{})
		if err != nil {
			e.t.Fatal(err)
		}
		out[strings.TrimPrefix(info.Key, prefix)] = remoteObj{
			body: string(body), ctype: st.ContentType, cache: st.Metadata.Get("Cache-Control"),
			encoding: st.Metadata.Get("Content-Encoding"), sha: storedSHA256(st), etag: st.ETag,
		}
	}
	return out
}

// checkMirror checks that the bucket holds exactly the site (plus the keys
// in extra), byte for byte with the hosting headers.
func (e *env) checkMirror(s *testSite, prefix string, extra ...string) {
	e.t.Helper()
	objs := e.objects(prefix)
	var keys []string
	for k := range objs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := append(s.files(), extra...)
	slices.Sort(want)
	if !slices.Equal(keys, want) {
		e.t.Errorf("bucket holds\n%v\nwant\n%v", keys, want)
	}
	for _, p := range s.files() {
		o := objs[p]
		b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(p)))
		if err != nil {
			e.t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if o.body != string(b) {
			e.t.Errorf("%s: stored %d bytes differ from the site's %d", p, len(o.body), len(b))
		}
		if o.ctype != hosting.ContentType(p) || o.cache != hosting.CacheControl(p) || o.encoding != "" {
			e.t.Errorf("%s: Content-Type %q, Cache-Control %q, Content-Encoding %q; want %q, %q, none",
				p, o.ctype, o.cache, o.encoding, hosting.ContentType(p), hosting.CacheControl(p))
		}
		if o.sha != hex.EncodeToString(sum[:]) {
			e.t.Errorf("%s: stored sha256 %q", p, o.sha)
		}
	}
}

// checkOrder checks that uploads went in waves: classes never go back, and
// the manifest is last.
func checkOrder(t *testing.T, prefix string, order []string) {
	t.Helper()
	last := hosting.Immutable
	for i, key := range order {
		c := hosting.Classify(strings.TrimPrefix(key, prefix))
		if c < last {
			t.Errorf("upload %d, %s (%v), after a %v upload", i+1, key, c, last)
		}
		last = c
	}
	if len(order) > 0 && order[len(order)-1] != prefix+manifest.Name {
		t.Errorf("last upload %s, want the manifest", order[len(order)-1])
	}
}

func TestPublish(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	s := newSite(t, baseFiles())
	cfg := Config{Dir: s.dir}

	// A dry run changes nothing.
	p, err := NewPlan(ctx, e.client, Config{Dir: s.dir, Bucket: e.bucket})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := p.Uploading(); n != len(s.files()) || len(p.Uploads[hosting.Manifest]) != 1 {
		t.Errorf("first plan uploads %d, want %d", n, len(s.files()))
	}
	var out bytes.Buffer
	p.Print(&out, true)
	for _, want := range []string{"upload " + strconv.Itoa(len(s.files())) + " objects", "1. upload assets and tiles", "tiles/boundaries-2222.pmtiles (new,", "5. upload manifest"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("plan lacks %q:\n%s", want, out.String())
		}
	}
	if objs := e.objects(""); len(objs) != 0 {
		t.Fatalf("dry run wrote %d objects", len(objs))
	}

	// First publish: everything, in waves, byte for byte.
	_, sum, order, err := e.publish(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Uploaded != len(s.files()) || sum.Unchanged != 0 || sum.Deleted != 0 {
		t.Errorf("first publish: %v", sum)
	}
	checkOrder(t, "", order)
	e.checkMirror(s, "")
	// Deepest pages first.
	if i, j := slices.Index(order, "forces/a/index.html"), slices.Index(order, "index.html"); i > j {
		t.Errorf("forces/a/index.html uploaded after index.html: %v", order)
	}

	// Again: nothing to upload.
	before := e.objects("")
	_, sum, order, err = e.publish(ctx, cfg)
	if err != nil || sum.Uploaded != 0 || sum.Deleted != 0 || sum.Unchanged != len(s.files())-1 || len(order) != 0 {
		t.Errorf("second publish: %v, %v, uploads %v", sum, err, order)
	}
	if after := e.objects(""); !equalObjects(before, after) {
		t.Error("second publish changed the bucket")
	}

	// A change: a page edited to the same size (only its hash differs), a
	// page added, a feed removed, and a new asset for an old one.
	s.set("forces/a/index.html", `<h1>Force B</h1>`)
	s.set("forces/b/index.html", `<h1>Force B</h1>`)
	s.remove("forces/a/feed.xml")
	s.remove("assets/site-AAA.js")
	s.set("assets/site-BBB.js", "console.log('b')")
	s.set("index.html", `<script type="module" src="assets/site-BBB.js"></script><a href="forces/b/">B</a>`)
	s.writeManifest()
	checkedAtDelete := false
	cfg.beforeDelete = func() {
		// The new site is complete before anything is deleted.
		objs := e.objects("")
		if _, ok := objs["forces/a/feed.xml"]; !ok {
			t.Error("feed deleted before the deletes")
		}
		local, _ := os.ReadFile(filepath.Join(s.dir, manifest.Name))
		if objs[manifest.Name].body != string(local) {
			t.Error("deleting before the new manifest is up")
		}
		checkedAtDelete = true
	}
	p, sum, order, err = e.publish(ctx, cfg)
	cfg.beforeDelete = nil
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"assets/site-BBB.js", "forces/a/index.html", "forces/b/index.html", "index.html", manifest.Name}
	if !slices.Equal(order, want) {
		t.Errorf("uploaded %v, want %v", order, want)
	}
	if sum.Uploaded != 5 || sum.Deleted != 1 || sum.Kept != 1 || !checkedAtDelete {
		t.Errorf("change: %v (deletes checked: %v)", sum, checkedAtDelete)
	}
	if len(p.Deletes) != 1 || p.Deletes[0].Path != "forces/a/feed.xml" {
		t.Errorf("deletes %+v", p.Deletes)
	}
	// The old script stays for pages cached before this publish.
	e.checkMirror(s, "", "assets/site-AAA.js")

	// The publish after drops it.
	_, sum, _, err = e.publish(ctx, cfg)
	if err != nil || sum.Uploaded != 0 || sum.Deleted != 1 || sum.Kept != 0 {
		t.Errorf("publish after the change: %v %v", sum, err)
	}
	e.checkMirror(s, "")

	// Changes made in the bucket by hand are put right, even at the same
	// size: the object's stored hash no longer vouches for it.
	put := func(key, body string) {
		if _, err := e.client.PutObject(ctx, e.bucket, key, strings.NewReader(body), int64(len(body)), minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	put("forces/b/index.html", `<h1>Force X</h1>`)
	put("api/forces.json", `[{"id":"a"}, "longer"]`)
	if err := e.client.RemoveObject(ctx, e.bucket, "robots.txt", minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	put("stray.html", "left here")
	p, sum, order, err = e.publish(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"api/forces.json", "forces/b/index.html", "robots.txt", manifest.Name}
	if !slices.Equal(order, want) || sum.Deleted != 1 {
		t.Errorf("after hand edits uploaded %v and deleted %d, want %v and 1", order, sum.Deleted, want)
	}
	if p.Checked != 1 {
		t.Errorf("checked %d objects by metadata, want 1 (the same-size edit)", p.Checked)
	}
	e.checkMirror(s, "")
}

func equalObjects(a, b map[string]remoteObj) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// An interrupted publish leaves the previous site live and consistent, and
// a rerun completes it, uploading only what the first run did not.
func TestInterruptedPublish(t *testing.T) {
	e := newEnv(t)
	s := newSite(t, baseFiles())
	prefix := "site/preview/"
	cfg := Config{Dir: s.dir, Prefix: "/site/preview"}
	// Something else in the bucket, outside the prefix, is never touched.
	if _, err := e.client.PutObject(context.Background(), e.bucket, "other/keep.txt", strings.NewReader("x"), 1, minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := e.publish(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	e.checkMirror(s, prefix)
	old := e.objects(prefix)

	// A new build: a new stylesheet and pages pointing at it, new data.
	s.remove("assets/site-AAA.css")
	s.set("assets/site-CCC.css", "body{color:navy}")
	s.set("data/2025-02.zip", "PK\x03\x04more zip bytes")
	s.set("index.html", `<link rel="stylesheet" href="assets/site-CCC.css"><a href="forces/a/">A</a>`)
	s.set("forces/a/index.html", `<link rel="stylesheet" href="../../assets/site-CCC.css"><h1>A</h1>`)
	s.set("404.html", `<link rel="stylesheet" href="assets/site-CCC.css">`)
	s.set("sitemap.xml", "<urlset><url/></urlset>")
	s.remove("forces/a/feed.xml")
	s.writeManifest()

	// Interrupted after two uploads (the new stylesheet and the new zip).
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	cfg.afterUpload = func(string) {
		if n++; n == 2 {
			cancel()
		}
	}
	_, sum, order, err := e.publish(ctx, cfg)
	cfg.afterUpload = nil
	if err == nil || !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "run it again") {
		t.Fatalf("interrupted publish: error %v", err)
	}
	if want := []string{prefix + "assets/site-CCC.css", prefix + "data/2025-02.zip"}; !slices.Equal(order, want) || sum.Uploaded != 2 {
		t.Fatalf("interrupted publish uploaded %v (%v), want %v", order, sum, want)
	}
	// The live site is the old one plus two new files: its pages, feeds and
	// manifest are untouched, and every file the old pages use is there.
	now := e.objects(prefix)
	for k, v := range old {
		if now[k] != v {
			t.Errorf("%s changed by the interrupted publish", k)
		}
	}
	if len(now) != len(old)+2 {
		t.Errorf("bucket has %d objects, want the %d old ones and 2 new", len(now), len(old))
	}

	// The rerun uploads the rest and deletes the old feed; the two objects
	// already up are found by their stored hash.
	p, sum, order, err := e.publish(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{prefix + "forces/a/index.html", prefix + "404.html", prefix + "index.html", prefix + "sitemap.xml", prefix + manifest.Name}
	if !slices.Equal(order, want) {
		t.Errorf("rerun uploaded %v, want %v", order, want)
	}
	if p.Checked != 2 || sum.Deleted != 1 || sum.Kept != 1 {
		t.Errorf("rerun: checked %d by metadata, %v", p.Checked, sum)
	}
	e.checkMirror(s, prefix, "assets/site-AAA.css")
	other := e.objects("other/")
	if len(other) != 1 || other["keep.txt"].body != "x" {
		t.Errorf("objects outside the prefix: %v", other)
	}
}

func TestPublishRefusesSiteWithoutManifest(t *testing.T) {
	_, err := NewPlan(context.Background(), nil, Config{Dir: t.TempDir(), Bucket: "b"})
	if !errors.Is(err, ErrNoManifest) || !strings.Contains(err.Error(), "run crimemap build") {
		t.Errorf("error %v", err)
	}
}

// A file that no longer matches the manifest is refused before upload:
// the hash stored with it must be true.
func TestPublishRefusesChangedFile(t *testing.T) {
	e := newEnv(t)
	s := newSite(t, map[string]string{"index.html": "<h1>a</h1>", "assets/a.js": "1"})
	s.set("index.html", "<h1>b</h1>")
	_, _, order, err := e.publish(context.Background(), Config{Dir: s.dir})
	if err == nil || !strings.Contains(err.Error(), "index.html: the file changed after the site's manifest was written") {
		t.Errorf("error %v", err)
	}
	if len(order) != 1 || order[0] != "assets/a.js" {
		t.Errorf("uploaded %v, want only the asset before the page", order)
	}
	if _, ok := e.objects("")["index.html"]; ok {
		t.Error("the changed page was uploaded")
	}
}

// TestPublishRefusesToEmptyTheSite publishes a site of hundreds of pages,
// then a site of six over it: the plan deletes most of the bucket, so the
// publish is refused before anything is uploaded or deleted, and the
// refusal says what to do. With AllowDelete, or a limit above the share,
// it goes through.
func TestPublishRefusesToEmptyTheSite(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	big := baseFiles()
	for i := range 300 {
		big["forces/a/n"+strconv.Itoa(i)+"/index.html"] = "<h1>Neighbourhood " + strconv.Itoa(i) + "</h1>"
	}
	full := newSite(t, big)
	if _, _, _, err := e.publish(ctx, Config{Dir: full.dir}); err != nil {
		t.Fatal(err)
	}
	before := e.objects("")
	small := newSite(t, map[string]string{
		"index.html": "<h1>No data</h1>", "404.html": "<h1>Page not found</h1>", "map/index.html": "<h1>Map</h1>",
		"forces/index.html": "<h1>Forces</h1>", "search/index.html": "<h1>Search</h1>", "faq/index.html": "<h1>FAQ</h1>",
	})
	p, s, order, err := e.publish(ctx, Config{Dir: small.dir})
	if !errors.Is(err, ErrTooManyDeletes) {
		t.Fatalf("publishing 6 pages over %d objects: %v", len(before), err)
	}
	for _, want := range []string{"--allow-delete", small.dir, "of the " + strconv.Itoa(len(before)) + " objects"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal does not say %q: %v", want, err)
		}
	}
	if len(order) != 0 || s.Deleted != 0 || p == nil || len(p.Deletes) < 300 {
		t.Errorf("a refused publish uploaded %d and deleted %d objects (plan deletes %d)", len(order), s.Deleted, len(p.Deletes))
	}
	after := e.objects("")
	if len(after) != len(before) {
		t.Fatalf("the refused publish left %d objects of %d", len(after), len(before))
	}
	for k, o := range before {
		if after[k] != o {
			t.Errorf("the refused publish changed %s", k)
		}
	}

	// A normal publish (a few pages gone) passes the guard.
	for i := range 10 {
		delete(big, "forces/a/n"+strconv.Itoa(i)+"/index.html")
	}
	fewer := newSite(t, big)
	if _, s, _, err := e.publish(ctx, Config{Dir: fewer.dir}); err != nil || s.Deleted != 10 {
		t.Fatalf("a publish deleting 10 of %d objects: %v (%s)", len(before), err, s)
	}
	if _, _, _, err := e.publish(ctx, Config{Dir: small.dir, MaxDelete: 0.5}); !errors.Is(err, ErrTooManyDeletes) {
		t.Errorf("a limit of 50%%: %v", err)
	}
	p, _, _, err = e.publish(ctx, Config{Dir: small.dir, AllowDelete: true})
	if err != nil {
		t.Fatalf("with AllowDelete: %v", err)
	}
	// Old assets and tiles stay until the next publish, as always.
	var kept []string
	for _, it := range p.Kept {
		kept = append(kept, it.Path)
	}
	e.checkMirror(small, "", kept...)
}
