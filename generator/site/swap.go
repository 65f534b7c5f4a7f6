package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// newStaging makes an empty folder beside out to build into. Being beside
// out keeps it on the same file system, so the swap is a rename.
func newStaging(out string) (string, error) {
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, filepath.Base(out)+".staging-")
	if err != nil {
		return "", fmt.Errorf("create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", err
	}
	return dir, nil
}

// oldPath is where the previous site waits while the new one moves in.
func oldPath(out string) string { return filepath.Clean(out) + ".old" }

// recoverOld puts the previous site back if a build was stopped between the
// two renames of a swap, and removes the staging folders of builds that
// were killed. The caller holds the site's lock, so no other build is
// writing into them.
func recoverOld(out string) error {
	old := oldPath(out)
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(old); err == nil {
			if err := os.Rename(old, out); err != nil {
				return fmt.Errorf("restore previous site: %w", err)
			}
		}
	}
	stale, err := filepath.Glob(filepath.Clean(out) + ".staging-*")
	if err != nil {
		return err
	}
	for _, dir := range stale {
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("remove the staging folder of a stopped build: %w", err)
		}
	}
	return nil
}

// swap moves staging into out's place and removes the previous site. Where
// the system can exchange two folders in one step, out is a whole site at
// every instant; elsewhere it is missing for the moment between two
// renames, and recoverOld puts the previous site back if the build dies
// there.
func swap(staging, out string) error {
	old := oldPath(out)
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("remove %s: %w", old, err)
	}
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(staging, out); err != nil {
			return fmt.Errorf("move new site in: %w", err)
		}
		return nil
	}
	if err := exchange(staging, out); err == nil {
		// staging now holds the previous site; a build killed before it
		// is removed leaves it to the next build's recoverOld.
		checkpoint("swap:exchanged")
		if err := os.RemoveAll(staging); err != nil {
			return fmt.Errorf("remove previous site: %w", err)
		}
		return nil
	}
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("move previous site aside: %w", err)
	}
	checkpoint("swap:aside")
	if err := os.Rename(staging, out); err != nil {
		if rerr := os.Rename(old, out); rerr != nil {
			return fmt.Errorf("swap in new site: %w (and restoring the previous one: %v)", err, rerr)
		}
		return fmt.Errorf("swap in new site: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("remove previous site: %w", err)
	}
	return nil
}

// manifest writes the content keys and the manifest, last, from what the
// stages wrote.
func (b *build) manifest(context.Context) (string, error) {
	if err := b.out.WriteManifest(); err != nil {
		return "", err
	}
	files, bytes := b.out.Stats()
	return fmt.Sprintf("%d files, %s", files, megabytes(bytes)), nil
}

// swap puts the new site in the previous one's place, then saves this
// build's parses in the cache and prunes what it no longer needs. Only
// then: a failed build must leave the cache able to serve the previous
// build's input again.
func (b *build) swap(context.Context) (string, error) {
	if err := swap(b.staging, b.cfg.Out); err != nil {
		return "", err
	}
	b.swapped = true
	line := "site in " + b.cfg.Out
	if b.cache == nil {
		return line, nil
	}
	// The record of this build's input goes first, so that a kill
	// between the two leaves a record whose files the cache still holds.
	if err := b.cache.SaveInputs(b.shown.changeRecord); err != nil {
		return "", err
	}
	n, err := b.cache.Prune()
	if err != nil {
		return "", err
	}
	b.res.CachePruned = n
	return fmt.Sprintf("%s; %d cache entries pruned", line, n), nil
}
