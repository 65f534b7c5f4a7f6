package output

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/manifest"
)

// siteFiles writes a site into root as a build does: pages written whole,
// an archive made from a key, the keys record and the manifest.
func writeSite(t *testing.T, d *Dir, pages map[string]string, archives map[string]string) {
	t.Helper()
	for rel, body := range pages {
		if err := d.Write(rel, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	for rel, key := range archives {
		if _, err := d.Make(rel, key, func(w io.Writer) error { _, err := io.WriteString(w, "made from "+key); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.WriteManifest(); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
}

// tree lists every file under root with its body.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func inode(t *testing.T, p string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// TestResumeKeepsWhatIsThere builds a site into a tree that holds an
// earlier one: unchanged files stay the very same files, changed ones are
// written anew without writing through a link into the live site, and
// what the new site lacks goes, folders and all. The tree then holds
// exactly the new site, as a build into an empty folder makes it.
func TestResumeKeepsWhatIsThere(t *testing.T) {
	dir := t.TempDir()
	spare, live, journal := filepath.Join(dir, "spare"), filepath.Join(dir, "live"), filepath.Join(dir, "journal")
	for _, p := range []string{spare, live} {
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	old := map[string]string{"a/same.html": "same", "a/changed.html": "before", "gone/page.html": "gone", "b/live.html": "old"}
	writeSite(t, New(spare), old, map[string]string{"t/keep.bin": "k1", "t/remade.bin": "k2"})
	// The live site shares b/live.html's new bytes, which the build links.
	writeSite(t, New(live), map[string]string{"b/live.html": "new"}, nil)

	pages := map[string]string{"a/same.html": "same", "a/changed.html": "after", "b/live.html": "new", "c/new.html": "new"}
	archives := map[string]string{"t/keep.bin": "k1", "t/remade.bin": "k3"}
	sameBefore := inode(t, filepath.Join(spare, "a/same.html"))
	keepBefore := inode(t, filepath.Join(spare, "t/keep.bin"))
	d := New(spare)
	if _, err := d.ReadPrevious(live); err != nil {
		t.Fatal(err)
	}
	n, err := d.Resume(journal)
	if err != nil || n != 7 {
		t.Fatalf("resume: %d files, %v; want the 7 of its manifest", n, err)
	}
	writeSite(t, d, pages, archives)

	if !os.SameFile(sameBefore, inode(t, filepath.Join(spare, "a/same.html"))) ||
		!os.SameFile(keepBefore, inode(t, filepath.Join(spare, "t/keep.bin"))) {
		t.Error("an unchanged file was written again")
	}
	if !os.SameFile(inode(t, filepath.Join(live, "b/live.html")), inode(t, filepath.Join(spare, "b/live.html"))) {
		t.Error("a file the live site has was not linked from it")
	}
	if d.Kept() != 2 { // same.html, keep.bin; the keys record changed
		t.Errorf("kept %d files, want 2", d.Kept())
	}
	clean := filepath.Join(dir, "clean")
	if err := os.Mkdir(clean, 0o755); err != nil {
		t.Fatal(err)
	}
	writeSite(t, New(clean), pages, archives)
	if got, want := tree(t, spare), tree(t, clean); !mapsEqual(got, want) {
		t.Errorf("the tree holds\n%v\nwant, as a build into an empty folder,\n%v", got, want)
	}
	if _, err := os.Stat(filepath.Join(spare, "gone")); !os.IsNotExist(err) {
		t.Errorf("the emptied folder is still there (%v)", err)
	}
	if tree(t, live)["b/live.html"] != "new" {
		t.Error("the live site's file changed")
	}

	// The same site again, once the swap has removed the journal, keeps
	// every file, the records included.
	if err := os.Remove(journal); err != nil {
		t.Fatal(err)
	}
	d = New(spare)
	if _, err := d.Resume(journal); err != nil {
		t.Fatal(err)
	}
	writeSite(t, d, pages, archives)
	if got, want := tree(t, spare), tree(t, clean); !mapsEqual(got, want) || d.Kept() != len(want)-1 {
		t.Errorf("the same site again kept %d files and left\n%v\nwant all but the manifest of\n%v", d.Kept(), got, want)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestJournalNamesWhatAKilledBuildTouched stops a build half way, as a
// kill does (no manifest, no prune), and checks that the journal names
// every path it changed, that the next build treats those as unknown
// (written again even where the old manifest says the bytes match, and
// removed when the new site lacks them), and that the result is the new
// site exactly.
func TestJournalNamesWhatAKilledBuildTouched(t *testing.T) {
	dir := t.TempDir()
	spare, journal := filepath.Join(dir, "spare"), filepath.Join(dir, "journal")
	if err := os.Mkdir(spare, 0o755); err != nil {
		t.Fatal(err)
	}
	writeSite(t, New(spare), map[string]string{"p/one.html": "one", "p/two.html": "two"}, nil)

	d := New(spare)
	if _, err := d.Resume(journal); err != nil {
		t.Fatal(err)
	}
	for rel, body := range map[string]string{"p/one.html": "ONE", "p/three.html": "three"} {
		if err := d.Write(rel, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	d.Close() // killed: the manifest still says p/one.html is "one"
	b, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(b)); !slices.Equal(slices.Sorted(slices.Values(got)), []string{"p/one.html", "p/three.html"}) {
		t.Fatalf("journal names %v", got)
	}

	// The next build wants one.html as it was: the manifest's entry
	// matches, but the journal says the file may not.
	d = New(spare)
	if _, err := d.Resume(journal); err != nil {
		t.Fatal(err)
	}
	writeSite(t, d, map[string]string{"p/one.html": "one", "p/two.html": "two"}, nil)
	got := tree(t, spare)
	delete(got, manifest.Name)
	delete(got, KeysName)
	if want := map[string]string{"p/one.html": "one", "p/two.html": "two"}; !mapsEqual(got, want) {
		t.Errorf("after the kill and a build the tree holds %v, want %v", got, want)
	}
	if d.Kept() != 1 {
		t.Errorf("kept %d files, want 1 (two.html, which the journal does not name)", d.Kept())
	}
}

// TestResumeRefusesADamagedJournal checks that a journal that does not
// read is an error, so the caller empties the tree rather than trusting
// it.
func TestResumeRefusesADamagedJournal(t *testing.T) {
	dir := t.TempDir()
	journal := filepath.Join(dir, "journal")
	if err := os.WriteFile(journal, []byte("ok.html\n../escape\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := New(dir).Resume(journal)
	if err == nil || !strings.Contains(err.Error(), "journal:2") {
		t.Errorf("damaged journal: %v, want an error naming its line 2", err)
	}
}

// TestResumeReplacesFoldersAndFiles checks the rare site whose file
// becomes a folder, or whose folder becomes a file.
func TestResumeReplacesFoldersAndFiles(t *testing.T) {
	dir := t.TempDir()
	spare, journal := filepath.Join(dir, "spare"), filepath.Join(dir, "journal")
	if err := os.Mkdir(spare, 0o755); err != nil {
		t.Fatal(err)
	}
	writeSite(t, New(spare), map[string]string{"x": "file", "y/inner.html": "in"}, nil)
	d := New(spare)
	if _, err := d.Resume(journal); err != nil {
		t.Fatal(err)
	}
	writeSite(t, d, map[string]string{"x/inner.html": "in", "y": "file"}, nil)
	got := tree(t, spare)
	if got["x/inner.html"] != "in" || got["y"] != "file" || len(got) != 3 {
		t.Errorf("tree %v", got)
	}
}
