// Package buildtest is the one harness for tests of whole builds, in the
// style of Hugo's integration tests: the input is a txtar archive (in the
// test, or a fixture under testdata), the build is a function the test
// passes in, and the output is checked by path and content, or byte for
// byte against a golden file under testdata.
//
// The contract:
//   - Unpack and Extract write an archive's files, by slash path, into a
//     folder; FS gives them as an in-memory file system instead.
//   - Run unpacks the input, builds once into a fresh output folder and
//     fails the test if the build fails; Site.Build builds again into the
//     same folder, as a maintainer's next build does, and Site.Edit
//     changes an input file between builds (failing if the text to
//     replace is not there).
//   - Output's assertions (AssertFile, AssertText on a page's visible
//     text, AssertFileNot, AssertExists, AssertMissing) report with
//     Errorf, naming the file and showing the part of it that matters,
//     and let the test go on; a file that cannot be read at all stops the
//     test. Tree returns every file, for comparing whole builds.
//   - Golden compares bytes with a file under testdata. With -update (the
//     flag Update, registered here once for every package that imports
//     this one) it writes the file first, so the code produces the golden
//     and a person reviews the diff before committing it.
//
// It imports no generator package: the build is passed in, so a package's
// own internal tests (package site) can use it without an import cycle.
package buildtest
