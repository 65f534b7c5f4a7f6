package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/crimemap/crimemap/generator/output"
)

// A build writes its site into the spare: the tree of the site its last
// swap replaced, kept beside the live site for the purpose. Most of the
// new site's files are already there, from two builds ago, and are left
// as they are (output.Dir.Resume); the swap then exchanges the spare and
// the live site in one step, and the site it replaced becomes the next
// build's spare. No build relinks every file into a fresh tree, and none
// removes a whole tree. docs/incremental.md has the design.

// sparePath is the tree the next site is written into.
func sparePath(out string) string { return filepath.Clean(out) + ".spare" }

// journalPath names every path of the spare a build has touched, until
// the spare is swapped in (output/base.go).
func journalPath(out string) string { return filepath.Clean(out) + ".journal" }

// oldPath is where the live site waits, where the system cannot exchange
// two folders in one step, between the renames that replace it.
func oldPath(out string) string { return filepath.Clean(out) + ".old" }

// newWork makes an empty folder beside out for the archive writers' spill
// files: on the disk the site is written to, but outside the site.
func newWork(out string) (string, error) {
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, filepath.Base(out)+".work-")
	if err != nil {
		return "", fmt.Errorf("create work folder: %w", err)
	}
	return dir, nil
}

// resumeSpare makes d, which writes into out's spare, start from what
// the spare holds, and returns how many files that is. A spare whose
// journal or manifest does not read cannot be trusted file by file: it is
// emptied, which costs one full write.
func resumeSpare(d *output.Dir, out string) (int, error) {
	spare, journal := sparePath(out), journalPath(out)
	n, err := d.Resume(journal)
	if err == nil {
		return n, nil
	}
	if err := os.RemoveAll(spare); err != nil {
		return 0, fmt.Errorf("empty %s: %w", spare, err)
	}
	if err := os.Remove(journal); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	if err := os.Mkdir(spare, 0o755); err != nil {
		return 0, err
	}
	return d.Resume(journal)
}

// recoverOld puts the live site back if a build was stopped between two
// renames of a swap, moves a site left aside to be the spare, and removes
// the work folders of builds that were killed (and the staging folders
// of older versions of this program). The caller holds the site's lock,
// so no other build is writing into them.
func recoverOld(out string) error {
	old := oldPath(out)
	if _, err := os.Stat(old); err == nil {
		target := out
		if _, err := os.Stat(out); err == nil {
			target = sparePath(out)
			if _, err := os.Stat(target); err == nil {
				target = ""
			}
		}
		if target != "" {
			if err := os.Rename(old, target); err != nil {
				return fmt.Errorf("restore previous site: %w", err)
			}
		} else if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove %s: %w", old, err)
		}
	}
	for _, pattern := range []string{".work-*", ".staging-*"} {
		stale, err := filepath.Glob(filepath.Clean(out) + pattern)
		if err != nil {
			return err
		}
		for _, dir := range stale {
			if err := os.RemoveAll(dir); err != nil {
				return fmt.Errorf("remove the work folder of a stopped build: %w", err)
			}
		}
	}
	return nil
}

// swap puts the spare in out's place and keeps the site it replaces as
// the next spare. Where the system can exchange two folders in one step,
// out is a whole site at every instant; elsewhere it is missing for the
// moment between two renames, and recoverOld puts the live site back if
// the build dies there. The journal goes last: until then the next build
// treats the paths it names as unknown, which costs a little work and is
// never wrong.
func swap(out string) error {
	spare := sparePath(out)
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(spare, out); err != nil {
			return fmt.Errorf("move new site in: %w", err)
		}
	} else if err := exchange(spare, out); err == nil {
		checkpoint("swap:exchanged")
	} else if err := swapByRenames(spare, out); err != nil {
		return err
	}
	if err := os.Remove(journalPath(out)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove the build's journal: %w", err)
	}
	return nil
}

// swapByRenames is the swap in three renames, for systems without an
// exchange.
func swapByRenames(spare, out string) error {
	old := oldPath(out)
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("move previous site aside: %w", err)
	}
	checkpoint("swap:aside")
	if err := os.Rename(spare, out); err != nil {
		if rerr := os.Rename(old, out); rerr != nil {
			return fmt.Errorf("swap in new site: %w (and restoring the previous one: %v)", err, rerr)
		}
		return fmt.Errorf("swap in new site: %w", err)
	}
	if err := os.Rename(old, spare); err != nil {
		return fmt.Errorf("keep the previous site as the spare: %w", err)
	}
	return nil
}

// manifest writes the content keys and the manifest, last, from what the
// stages wrote.
func (b *build) manifest(context.Context) (string, error) {
	p := b.cfg.Progress
	removed, err := b.out.Prune(func(done, total int) {
		p.Update(done, total)
		if done == 1 {
			checkpoint("manifest:removing")
		}
	})
	if err != nil {
		return "", err
	}
	if err := b.out.WriteManifest(); err != nil {
		return "", err
	}
	files, bytes := b.out.Stats()
	kept := b.out.Kept()
	return fmt.Sprintf("%d files, %s: %d kept as the spare had them, %d written or linked, %d removed",
		files, megabytes(bytes), kept, files-kept, removed), nil
}

// swap puts the new site in the previous one's place, then saves this
// build's parses in the cache and prunes what it no longer needs. Only
// then: a failed build must leave the cache able to serve the previous
// build's input again.
func (b *build) swap(context.Context) (string, error) {
	if err := b.out.Close(); err != nil {
		return "", err
	}
	if err := swap(b.cfg.Out); err != nil {
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
	if err := b.saveLastBuild(); err != nil {
		return "", err
	}
	b.res.CachePruned = n
	return fmt.Sprintf("%s; %d cache entries pruned", line, n), nil
}
