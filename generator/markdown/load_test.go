package markdown

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func file(front string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\n" + front + "\n---\nText.\n")}
}

func TestLoadDir(t *testing.T) {
	fsys := fstest.MapFS{
		"content/b.md":        file("title: B\norder: 2"),
		"content/a.md":        file("title: A\norder: 2"),
		"content/first.md":    file("title: First\norder: 1\nslug: zzz"),
		"content/notes.txt":   file("not markdown"),
		"content/sub/deep.md": file("title: Deep"),
		"other.md":            file("title: Elsewhere"),
	}
	pages, err := LoadDir(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pages {
		got = append(got, p.Slug+"="+p.Source)
	}
	want := "zzz=content/first.md a=content/a.md b=content/b.md"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// TestLoadDirLanguageFolder loads a translation from a subfolder, as the
// site loads the Welsh pages from cy/: same slugs, sources named with the
// folder, and neither folder's pages leaking into the other's.
func TestLoadDirLanguageFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"faq.md":      file("title: Questions\norder: 1"),
		"about.md":    file("title: About\norder: 2"),
		"cy/faq.md":   file("title: Cwestiynau\norder: 1"),
		"cy/about.md": file("title: Amdanom\norder: 2"),
	}
	for dir, want := range map[string]string{
		".":  "faq=faq.md:Questions about=about.md:About",
		"cy": "faq=cy/faq.md:Cwestiynau about=cy/about.md:Amdanom",
	} {
		pages, err := LoadDir(fsys, dir)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range pages {
			got = append(got, p.Slug+"="+p.Source+":"+p.Title)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("LoadDir(%q): got %q, want %q", dir, strings.Join(got, " "), want)
		}
	}
}

func TestLoadDirErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":   file("title: A"),
		"b.md":   file("title: B\nslug: a"),
		"bad.md": file("order: 1"),
		"h1.md":  {Data: []byte("---\ntitle: H\n---\n# H\n")},
	}
	_, err := LoadDir(fsys, ".")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`b.md: slug "a" is already used by a.md`,
		"bad.md:1: front matter has no title",
		"h1.md:4: level 1 heading",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("no *Error in %v", err)
	}
	if _, err := LoadDir(fsys, "missing"); err == nil {
		t.Error("missing folder: no error")
	}
}

// TestContentFolder parses the site's real pages, so a broken page fails
// the tests rather than the monthly build.
func TestContentFolder(t *testing.T) {
	var pages []*Page
	for _, dir := range []string{".", "cy"} {
		ps, err := LoadDir(os.DirFS("../../content"), dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) == 0 {
			t.Fatalf("no pages in content/%s", dir)
		}
		pages = append(pages, ps...)
	}
	for _, p := range pages {
		if p.Description == "" {
			t.Errorf("%s: no description", p.Source)
		}
		if len(p.TOC) == 0 {
			t.Errorf("%s: no sections", p.Source)
		}
		if strings.Contains(string(p.HTML), "raw HTML omitted") {
			t.Errorf("%s: raw HTML in the Markdown is dropped from the page", p.Source)
		}
		if strings.Contains(string(p.HTML), "{#") {
			t.Errorf("%s: a heading id is printed as text", p.Source)
		}
	}
}
