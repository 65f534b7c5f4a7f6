package publish

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/hosting"
	"github.com/crimemap/crimemap/generator/manifest"
	"github.com/crimemap/crimemap/generator/progress"
)

// ErrNoManifest is returned for a folder without manifest.txt: not a built
// site, or one from before manifests.
var ErrNoManifest = errors.New("no " + manifest.Name)

// metaSHA256 is the user metadata key (x-amz-meta-sha256) holding an
// object's SHA-256 in hex.
const metaSHA256 = "sha256"

// Config says what to publish where.
type Config struct {
	Dir    string // the built site, with its manifest.txt
	Bucket string
	// Prefix is a folder of the bucket to publish into ("" for the
	// bucket's root). Publish owns everything under it.
	Prefix string
	// Workers is how many uploads and checks run at once (default 4).
	Workers int
	// MaxDelete is the share of the objects under Prefix a publish may
	// delete (0 means DefaultMaxDelete); AllowDelete lifts the limit. A
	// wrong --dir (an empty or half-built site) would otherwise take the
	// live site down.
	MaxDelete   float64
	AllowDelete bool
	// Progress, if set, reports the stages.
	Progress *progress.Reporter
	// afterUpload, if set, is called after each upload; tests use it to
	// interrupt a publish.
	afterUpload func(key string)
	// beforeDelete, if set, is called before the deletes.
	beforeDelete func()
}

func (c *Config) workers() int {
	if c.Workers < 1 {
		return 4
	}
	return c.Workers
}

// key returns the object key for a site path.
func (c *Config) key(path string) string { return normPrefix(c.Prefix) + path }

func normPrefix(p string) string {
	p = strings.Trim(p, "/")
	if p == "" {
		return ""
	}
	return p + "/"
}

// Item is one object to upload, or to delete.
type Item struct {
	Path   string // site path
	Key    string // object key
	Size   int64
	SHA256 [32]byte
	Class  hosting.Class
	Why    string // why it is uploaded: new, changed, ...
}

// Plan is what a publish will do.
type Plan struct {
	Bucket, Prefix string
	// Uploads by hosting.Class, uploaded in that order.
	Uploads [hosting.Manifest + 1][]Item
	// Deletes are objects the site no longer has.
	Deletes []Item
	// Kept are old assets and tiles listed by the previous publish's
	// manifest, kept until the next publish.
	Kept []Item
	// Remote counts the objects under the prefix before the publish.
	Remote int
	// Unchanged counts the site's files already in the bucket.
	Unchanged      int
	UnchangedBytes int64
	// Checked counts the objects whose metadata was read (HEAD) because
	// the remote manifest could not vouch for them.
	Checked int
	// Warnings are problems that do not stop a publish, such as an
	// unreadable remote manifest.
	Warnings []string
}

// Uploading returns the number and total size of the uploads.
func (p *Plan) Uploading() (n int, size int64) {
	for _, wave := range p.Uploads {
		for _, it := range wave {
			n++
			size += it.Size
		}
	}
	return n, size
}

// remoteObject is what a listing says of an object.
type remoteObject struct {
	size     int64
	modified time.Time
}

// NewPlan compares the site in cfg.Dir with the bucket and returns what
// to upload and delete. It changes nothing.
func NewPlan(ctx context.Context, client *minio.Client, cfg Config) (*Plan, error) {
	cfg.Prefix = normPrefix(cfg.Prefix)
	manPath := filepath.Join(cfg.Dir, manifest.Name)
	localMan, err := os.ReadFile(manPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w in %s: not a built site (run crimemap build, or crimemap verify to check it)", ErrNoManifest, cfg.Dir)
	}
	if err != nil {
		return nil, fmt.Errorf("read local manifest: %w", err)
	}
	local, err := manifest.Read(bytes.NewReader(localMan))
	if err != nil {
		return nil, fmt.Errorf("read local manifest: %s: %w", manPath, err)
	}

	cfg.Progress.Start("compare")
	remote := map[string]remoteObject{}
	for obj := range client.ListObjects(ctx, cfg.Bucket, minio.ListObjectsOptions{Prefix: cfg.Prefix, Recursive: true}) {
		if obj.Err != nil {
			return nil, fmt.Errorf("list bucket %s: %w", cfg.Bucket, obj.Err)
		}
		remote[strings.TrimPrefix(obj.Key, cfg.Prefix)] = remoteObject{obj.Size, obj.LastModified}
	}

	p := &Plan{Bucket: cfg.Bucket, Prefix: cfg.Prefix, Remote: len(remote)}
	// The remote manifest vouches for objects not modified after it.
	var vouched map[string]manifest.Entry
	var vouchedAt time.Time
	var remoteManSum [32]byte
	if obj, ok := remote[manifest.Name]; ok {
		b, err := getObject(ctx, client, cfg.Bucket, cfg.key(manifest.Name))
		if err != nil {
			return nil, fmt.Errorf("read remote manifest: %w", err)
		}
		remoteManSum = sha256.Sum256(b)
		es, err := manifest.Read(bytes.NewReader(b))
		if err != nil {
			p.Warnings = append(p.Warnings, fmt.Sprintf("the bucket's %s is unreadable (%v): every object is checked by its metadata", manifest.Name, err))
		} else {
			vouched, vouchedAt = manifest.Map(es), obj.modified
		}
	}

	var check []Item // to HEAD
	seen := make(map[string]bool, len(local))
	for _, e := range local {
		seen[e.Path] = true
		it := Item{Path: e.Path, Key: cfg.key(e.Path), Size: e.Size, SHA256: e.SHA256, Class: hosting.Classify(e.Path)}
		obj, ok := remote[e.Path]
		v, listed := vouched[e.Path]
		switch {
		case !ok:
			it.Why = "new"
		case obj.size != e.Size:
			it.Why = "size differs"
		case listed && v.Size == e.Size && !obj.modified.After(vouchedAt):
			if v.SHA256 == e.SHA256 {
				p.Unchanged++
				p.UnchangedBytes += e.Size
				continue
			}
			it.Why = "changed"
		default:
			check = append(check, it)
			continue
		}
		p.Uploads[it.Class] = append(p.Uploads[it.Class], it)
	}

	// Objects the remote manifest cannot vouch for are checked by the
	// SHA-256 publish stored with them.
	p.Checked = len(check)
	changed, err := checkMetadata(ctx, client, cfg, check)
	if err != nil {
		return nil, err
	}
	for i, it := range check {
		if changed[i] {
			it.Why = "modified in the bucket"
			p.Uploads[it.Class] = append(p.Uploads[it.Class], it)
		} else {
			p.Unchanged++
			p.UnchangedBytes += it.Size
		}
	}

	// The manifest goes up last, whenever anything else does or it differs,
	// so that it vouches for everything uploaded before it.
	n, _ := p.Uploading()
	if n > 0 || sha256.Sum256(localMan) != remoteManSum {
		why := "changed"
		if _, ok := remote[manifest.Name]; !ok {
			why = "new"
		}
		p.Uploads[hosting.Manifest] = []Item{{Path: manifest.Name, Key: cfg.key(manifest.Name), Size: int64(len(localMan)),
			SHA256: sha256.Sum256(localMan), Class: hosting.Manifest, Why: why}}
	}

	for path, obj := range remote {
		if seen[path] || path == manifest.Name {
			continue
		}
		it := Item{Path: path, Key: cfg.key(path), Size: obj.size, Class: hosting.Classify(path)}
		if _, listed := vouched[path]; listed && it.Class == hosting.Immutable {
			p.Kept = append(p.Kept, it)
			continue
		}
		p.Deletes = append(p.Deletes, it)
	}

	byPath := func(a, b Item) int { return cmp.Compare(a.Path, b.Path) }
	for c := range p.Uploads {
		slices.SortFunc(p.Uploads[c], byPath)
	}
	// Deepest pages first: a new page is up before the pages linking to it.
	slices.SortStableFunc(p.Uploads[hosting.Page], func(a, b Item) int {
		return cmp.Compare(strings.Count(b.Path, "/"), strings.Count(a.Path, "/"))
	})
	slices.SortFunc(p.Deletes, byPath)
	slices.SortFunc(p.Kept, byPath)
	n, size := p.Uploading()
	cfg.Progress.Done("%s files: %s to upload (%s), %s unchanged, %s to delete (%s checked by metadata)",
		format.Count(int64(len(local))), format.Count(int64(n)), sizeString(size), format.Count(int64(p.Unchanged)),
		format.Count(int64(len(p.Deletes))), format.Count(int64(p.Checked)))
	return p, nil
}

func getObject(ctx context.Context, client *minio.Client, bucket, key string) ([]byte, error) {
	obj, err := client.GetObject(ctx, bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, err
	}
	defer obj.Close()
	return io.ReadAll(obj)
}

// checkMetadata reads the stored SHA-256 of each item's object and reports
// which differ from the item's (or have none).
func checkMetadata(ctx context.Context, client *minio.Client, cfg Config, items []Item) ([]bool, error) {
	changed := make([]bool, len(items))
	err := forEach(ctx, cfg.workers(), len(items), func(ctx context.Context, i int) error {
		info, err := client.StatObject(ctx, cfg.Bucket, items[i].Key, minio.StatObjectOptions{})
		if err != nil {
			return fmt.Errorf("check %s: %w", items[i].Key, err)
		}
		changed[i] = info.Size != items[i].Size || storedSHA256(info) != hex.EncodeToString(items[i].SHA256[:])
		return nil
	})
	return changed, err
}

// storedSHA256 returns the x-amz-meta-sha256 of an object, which minio-go
// gives with the prefix stripped and the name in any case.
func storedSHA256(info minio.ObjectInfo) string {
	for k, v := range info.UserMetadata {
		if strings.EqualFold(k, metaSHA256) {
			return strings.ToLower(v)
		}
	}
	return ""
}

// forEach calls f for 0..n-1 on workers goroutines and returns the first
// error, after which no new call starts.
func forEach(ctx context.Context, workers, n int, f func(context.Context, int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan int)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := f(ctx, i); err != nil {
					once.Do(func() { firstErr = err; cancel() })
				}
			}
		}()
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}
