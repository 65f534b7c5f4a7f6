package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7"

	"github.com/crimemap/crimemap/generator/hosting"
	"github.com/crimemap/crimemap/generator/manifest"
	"github.com/crimemap/crimemap/generator/publish/miniotest"
)

func TestPublishUsage(t *testing.T) {
	site := t.TempDir()
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_ACCESS_KEY", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_SECRET_KEY", "")
	t.Setenv("MINIO_ROOT_USER", "")
	t.Setenv("MINIO_ACCESS_KEY", "")
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"publish", "--help"}, exitOK, "--dry-run"},
		{[]string{"publish", "--dir", site}, exitUsage, "--bucket is required"},
		{[]string{"publish", "--dir", site, "--bucket", "b", "--workers", "0"}, exitUsage, "--workers"},
		{[]string{"publish", "--dir", site, "--bucket", "b", "--endpoint", "ftp://x"}, exitUsage, "--endpoint wants"},
		{[]string{"publish", "--dir", site, "--bucket", "b", "--endpoint", "https://x/path"}, exitUsage, "--endpoint wants"},
		{[]string{"publish", "--dir", "/no/such/site", "--bucket", "b"}, exitFail, "run crimemap build first"},
		{[]string{"publish", "--dir", site, "--bucket", "b"}, exitFail, "no credentials: set AWS_ACCESS_KEY_ID"},
		{[]string{"publish", "--access-key", "x"}, exitUsage, "unknown flag"},
	} {
		code, out, errs := run(tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.want) {
			t.Errorf("crimemap %v: exit %d, want %d; output lacks %q?\n%s%s", tt.args, code, tt.code, tt.want, out, errs)
		}
	}
}

func TestParseEndpoint(t *testing.T) {
	for _, c := range []struct {
		in       string
		insecure bool
		host     string
		secure   bool
	}{
		{"s3.amazonaws.com", false, "s3.amazonaws.com", true},
		{"127.0.0.1:9000", true, "127.0.0.1:9000", false},
		{"http://127.0.0.1:9000", false, "127.0.0.1:9000", false},
		{"https://acct.r2.cloudflarestorage.com/", false, "acct.r2.cloudflarestorage.com", true},
	} {
		host, secure, err := parseEndpoint(c.in, c.insecure)
		if err != nil || host != c.host || secure != c.secure {
			t.Errorf("parseEndpoint(%q, %v) = %q, %v, %v", c.in, c.insecure, host, secure, err)
		}
	}
}

// TestPublishBuiltSite publishes a site built from the sample to a real
// MinIO server with the command line: a dry run changes nothing, the
// publish makes the bucket a byte-for-byte copy with the hosting headers,
// and a second publish uploads nothing.
func TestPublishBuiltSite(t *testing.T) {
	srv := miniotest.Start(t)
	bucket := srv.Bucket(t)
	t.Setenv("AWS_ACCESS_KEY_ID", srv.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", srv.SecretKey)
	t.Setenv("AWS_SESSION_TOKEN", "")

	data := filepath.Join(t.TempDir(), "sample")
	site := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := run("sample", "--quiet", "--months", "1", "--out", data); code != exitOK {
		t.Fatalf("sample: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run("build", "--quiet", "--assets", "../../assets", "--data", data, "--out", site); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	entries, err := manifest.ReadFile(filepath.Join(site, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	base := []string{"publish", "--dir", site, "--bucket", bucket, "--endpoint", srv.Endpoint, "--insecure"}
	client := srv.Client(t)
	count := func() int {
		n := 0
		for obj := range client.ListObjects(context.Background(), bucket, minio.ListObjectsOptions{Recursive: true}) {
			if obj.Err != nil {
				t.Fatal(obj.Err)
			}
			n++
		}
		return n
	}

	code, out, errs := run(append(base, "--dry-run", "--verbose")...)
	if code != exitOK || !strings.Contains(out, "1. upload assets and tiles") || !strings.Contains(out, "manifest.txt (new,") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errs)
	}
	if n := count(); n != 0 {
		t.Fatalf("dry run wrote %d objects", n)
	}

	code, out, errs = run(base...)
	if code != exitOK || !strings.Contains(out, "published "+site+" to "+bucket+": uploaded ") {
		t.Fatalf("publish: exit %d\n%s%s", code, out, errs)
	}
	if n := count(); n != len(entries)+1 {
		t.Errorf("bucket holds %d objects, want the %d files and the manifest", n, len(entries))
	}
	checked, tiles := 0, 0
	for _, e := range entries {
		if strings.HasSuffix(e.Path, ".pmtiles") {
			tiles++
		} else if e.Path != "index.html" && !strings.HasPrefix(e.Path, "assets/") {
			continue
		}
		checked++
		obj, err := client.GetObject(context.Background(), bucket, e.Path, minio.GetObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(obj)
		obj.Close()
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(e.Path)))
		if err != nil {
			t.Fatal(err)
		}
		info, err := client.StatObject(context.Background(), bucket, e.Path, minio.StatObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) || info.ContentType != hosting.ContentType(e.Path) ||
			info.Metadata.Get("Cache-Control") != hosting.CacheControl(e.Path) || info.Metadata.Get("Content-Encoding") != "" {
			t.Errorf("%s: %d bytes (want %d), %q, %q", e.Path, len(got), len(want), info.ContentType, info.Metadata.Get("Cache-Control"))
		}
	}
	if tiles < 2 || checked < tiles+3 {
		t.Errorf("checked only %d objects, %d of them tile archives", checked, tiles)
	}

	code, out, errs = run(append(base, "--quiet")...)
	if code != exitOK || out != "" || errs != "" {
		t.Errorf("quiet publish: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = run(base...)
	if code != exitOK || !strings.Contains(out, "uploaded 0 objects") || !strings.Contains(out, "deleted 0") {
		t.Errorf("publish again: exit %d\n%s%s", code, out, errs)
	}
	if n := count(); n != len(entries)+1 {
		t.Errorf("bucket holds %d objects after publishing again", n)
	}

	// A bucket that does not exist is not created.
	code, _, errs = run("publish", "--dir", site, "--bucket", "no-such-bucket", "--endpoint", srv.Endpoint, "--insecure")
	if code != exitFail || !strings.Contains(errs, "bucket no-such-bucket does not exist") {
		t.Errorf("missing bucket: exit %d\n%s", code, errs)
	}
	// Nor is a folder without a manifest published.
	code, _, errs = run("publish", "--dir", data, "--bucket", bucket, "--endpoint", srv.Endpoint, "--insecure")
	if code != exitFail || !strings.Contains(errs, "no manifest.txt in "+data) || !strings.Contains(errs, "run crimemap build") {
		t.Errorf("folder without a manifest: exit %d\n%s", code, errs)
	}
}
