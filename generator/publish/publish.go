package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/crimemap/crimemap/generator/downloads"
	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/hosting"
)

// Summary is what a publish did.
type Summary struct {
	Uploaded       int
	UploadedBytes  int64
	Unchanged      int
	UnchangedBytes int64
	Deleted        int
	DeletedBytes   int64
	Kept           int
}

func (s Summary) String() string {
	out := fmt.Sprintf("uploaded %s objects (%s), %s unchanged (%s), deleted %s (%s)",
		format.Count(int64(s.Uploaded)), sizeString(s.UploadedBytes), format.Count(int64(s.Unchanged)),
		sizeString(s.UnchangedBytes), format.Count(int64(s.Deleted)), sizeString(s.DeletedBytes))
	if s.Kept > 0 {
		out += fmt.Sprintf(", kept %s old assets and tiles until the next publish", format.Count(int64(s.Kept)))
	}
	return out
}

func sizeString(n int64) string { return downloads.Size(n) }

// Publish plans and runs a publish of cfg.Dir to cfg.Bucket, unless the
// plan deletes more than Guard allows.
func Publish(ctx context.Context, client *minio.Client, cfg Config) (*Plan, Summary, error) {
	p, err := NewPlan(ctx, client, cfg)
	if err != nil {
		return nil, Summary{}, err
	}
	if err := p.Guard(cfg); err != nil {
		return p, Summary{}, err
	}
	s, err := p.Run(ctx, client, cfg)
	return p, s, err
}

// DefaultMaxDelete is the share of the objects under the prefix that a
// publish may delete without Config.AllowDelete: a monthly publish deletes
// a few superseded files, never a tenth of the site.
const DefaultMaxDelete = 0.10

// ErrTooManyDeletes is wrapped by Guard's refusal.
var ErrTooManyDeletes = errors.New("the publish would delete too much of the live site")

// Guard refuses a plan that deletes more than cfg.MaxDelete of the
// objects under the prefix, unless cfg.AllowDelete. It is checked before
// anything is uploaded, so a refused publish leaves the live site as it
// was.
func (p *Plan) Guard(cfg Config) error {
	if cfg.AllowDelete || len(p.Deletes) == 0 {
		return nil
	}
	limit := cfg.MaxDelete
	if limit <= 0 {
		limit = DefaultMaxDelete
	}
	if float64(len(p.Deletes)) <= limit*float64(p.Remote) {
		return nil
	}
	where := p.Bucket
	if p.Prefix != "" {
		where += "/" + p.Prefix
	}
	return fmt.Errorf("%w: it would delete %s of the %s objects in %s (%.0f%%, more than the %.0f%% allowed), and upload %s over them; "+
		"nothing was changed. Check that %s is the whole site you mean to publish (crimemap verify %s); "+
		"to publish it anyway, run again with --allow-delete (or raise --max-delete)",
		ErrTooManyDeletes, format.Count(int64(len(p.Deletes))), format.Count(int64(p.Remote)), where,
		100*float64(len(p.Deletes))/float64(p.Remote), 100*limit, format.Count(int64(p.uploads())), cfg.Dir, cfg.Dir)
}

func (p *Plan) uploads() int {
	n, _ := p.Uploading()
	return n
}

// Run carries out the plan: the uploads wave by wave, each wave complete
// before the next starts, then the deletes. It stops at the first failed
// upload, leaving the deletes and the manifest for a rerun.
func (p *Plan) Run(ctx context.Context, client *minio.Client, cfg Config) (Summary, error) {
	cfg.Prefix = normPrefix(cfg.Prefix)
	s := Summary{Unchanged: p.Unchanged, UnchangedBytes: p.UnchangedBytes, Kept: len(p.Kept)}
	total, _ := p.Uploading()
	var done atomic.Int64
	var bytesDone atomic.Int64
	cfg.Progress.Start("upload")
	for _, wave := range p.Uploads {
		err := forEach(ctx, cfg.workers(), len(wave), func(ctx context.Context, i int) error {
			if err := upload(ctx, client, cfg, wave[i]); err != nil {
				return err
			}
			bytesDone.Add(wave[i].Size)
			cfg.Progress.Update(int(done.Add(1)), total)
			if cfg.afterUpload != nil {
				cfg.afterUpload(wave[i].Key)
			}
			return nil
		})
		s.Uploaded, s.UploadedBytes = int(done.Load()), bytesDone.Load()
		if err != nil {
			cfg.Progress.Done("stopped after %d of %d uploads", s.Uploaded, total)
			return s, fmt.Errorf("publish stopped before the site was complete (run it again to finish): %w", err)
		}
	}
	cfg.Progress.Done("%d objects (%s)", s.Uploaded, sizeString(s.UploadedBytes))

	if len(p.Deletes) == 0 {
		return s, nil
	}
	if cfg.beforeDelete != nil {
		cfg.beforeDelete()
	}
	cfg.Progress.Start("delete")
	objects := make(chan minio.ObjectInfo)
	go func() {
		defer close(objects)
		for _, it := range p.Deletes {
			select {
			case objects <- minio.ObjectInfo{Key: it.Key}:
			case <-ctx.Done():
				return
			}
		}
	}()
	failed := map[string]error{}
	for e := range client.RemoveObjects(ctx, p.Bucket, objects, minio.RemoveObjectsOptions{}) {
		failed[e.ObjectName] = e.Err
	}
	for _, it := range p.Deletes {
		if _, bad := failed[it.Key]; !bad {
			s.Deleted++
			s.DeletedBytes += it.Size
		}
	}
	if err := ctx.Err(); err != nil {
		return s, fmt.Errorf("publish stopped while deleting old objects (the site is complete; run it again to finish): %w", err)
	}
	cfg.Progress.Done("%d objects the site no longer has", s.Deleted)
	for _, it := range p.Deletes {
		if err, bad := failed[it.Key]; bad {
			return s, fmt.Errorf("delete %s (%d failed; the site is complete, run publish again to finish): %w", it.Key, len(failed), err)
		}
	}
	return s, nil
}

// upload checks a file against the manifest, then uploads it with its
// hosting headers and SHA-256. The check keeps the stored SHA-256 true, as
// later publishes trust it.
func upload(ctx context.Context, client *minio.Client, cfg Config, it Item) error {
	f, err := os.Open(filepath.Join(cfg.Dir, filepath.FromSlash(it.Path)))
	if err != nil {
		return fmt.Errorf("upload %s: %w", it.Path, err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return fmt.Errorf("upload %s: %w", it.Path, err)
	}
	if n != it.Size || [32]byte(h.Sum(nil)) != it.SHA256 {
		return fmt.Errorf("upload %s: the file changed after the site's manifest was written; build the site again (crimemap verify checks a site)", it.Path)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("upload %s: %w", it.Path, err)
	}
	_, err = client.PutObject(ctx, cfg.Bucket, it.Key, f, it.Size, minio.PutObjectOptions{
		ContentType:  hosting.ContentType(it.Path),
		CacheControl: hosting.CacheControl(it.Path),
		UserMetadata: map[string]string{metaSHA256: hex.EncodeToString(it.SHA256[:])},
	})
	if err != nil {
		if it.Size > multipartMin {
			// An interrupted multipart upload keeps its parts (and costs
			// storage) until aborted.
			abort, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			client.RemoveIncompleteUpload(abort, cfg.Bucket, it.Key)
			cancel()
		}
		return fmt.Errorf("upload %s: %w", it.Key, err)
	}
	return nil
}

// multipartMin is the size above which minio-go uploads in parts.
const multipartMin = 16 << 20

func objects(n int) string {
	if n == 1 {
		return "object"
	}
	return "objects"
}

// Print writes the plan: counts and bytes by wave, and with verbose every
// key with the reason.
func (p *Plan) Print(w io.Writer, verbose bool) {
	where := p.Bucket
	if p.Prefix != "" {
		where += "/" + p.Prefix
	}
	n, size := p.Uploading()
	fmt.Fprintf(w, "plan for %s: upload %s objects (%s), %s unchanged (%s), delete %s\n", where,
		format.Count(int64(n)), sizeString(size), format.Count(int64(p.Unchanged)), sizeString(p.UnchangedBytes),
		format.Count(int64(len(p.Deletes))))
	for _, warning := range p.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", warning)
	}
	step := 0
	for c, wave := range p.Uploads {
		if len(wave) == 0 {
			continue
		}
		step++
		var b int64
		for _, it := range wave {
			b += it.Size
		}
		fmt.Fprintf(w, "  %d. upload %-20s %8s %-7s %12s  %s\n", step, hosting.Class(c).String(), format.Count(int64(len(wave))),
			objects(len(wave)), sizeString(b), hosting.CacheControl(wave[0].Path))
		if verbose {
			for _, it := range wave {
				fmt.Fprintf(w, "       %s (%s, %s)\n", it.Key, it.Why, sizeString(it.Size))
			}
		}
	}
	if len(p.Deletes) > 0 {
		step++
		var b int64
		for _, it := range p.Deletes {
			b += it.Size
		}
		fmt.Fprintf(w, "  %d. delete %-20s %8s %-7s %12s\n", step, "", format.Count(int64(len(p.Deletes))), objects(len(p.Deletes)), sizeString(b))
		if verbose {
			for _, it := range p.Deletes {
				fmt.Fprintf(w, "       %s\n", it.Key)
			}
		}
	}
	if len(p.Kept) > 0 {
		fmt.Fprintf(w, "  kept until the next publish: %s old assets and tiles that pages cached before this publish may still load\n",
			format.Count(int64(len(p.Kept))))
		if verbose {
			for _, it := range p.Kept {
				fmt.Fprintf(w, "       %s\n", it.Key)
			}
		}
	}
}
