// Command crimemap builds a static street-level crime map site from the
// data.police.uk archive.
//
//	crimemap build   --data DIR|ZIP --out public
//	crimemap sample  --out DIR [--scale small|national] [--seed N]
//	crimemap serve   --dir public [--addr 127.0.0.1:8080]
//	crimemap snap    --in DIR --out DIR [--gazetteer FILE] [--min-addresses 8] [--max-distance 20km]
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the command ran and failed: a failed build
	exitUsage = 2 // the command line was wrong
)

// Main is the program, with its outputs as fields so tests can run it.
type Main struct {
	Stdout, Stderr io.Writer
	// serveReady, if set, receives the serve command's address once it
	// listens; tests use it to know when to connect.
	serveReady chan<- string
	// serveStop, if set, stops the serve command when closed.
	serveStop <-chan struct{}
}

func main() {
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr}
	os.Exit(m.Run(os.Args[1:]))
}

const usage = `crimemap builds a street-level crime map site from data.police.uk files.

Usage:
  crimemap build  [flags]   build the site from the data
  crimemap sample [flags]   write a synthetic dataset in the data.police.uk layout
  crimemap publish [flags]  upload a built site to S3-compatible storage (S3, R2, MinIO), only what changed
  crimemap serve  [flags]   preview a built site locally
  crimemap snap   [flags]   move exact locations to snap points and write the published street files
  crimemap verify [flags] [site]   check a built site: manifest, links, JSON, tiles and, with --data, privacy

Run 'crimemap <command> --help' for a command's flags.
`

// Run runs the command line and returns the exit code.
func (m *Main) Run(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		return m.build(rest)
	case "sample":
		return m.sample(rest)
	case "publish":
		return m.publish(rest)
	case "serve":
		return m.serve(rest)
	case "snap":
		return m.snap(rest)
	case "verify":
		return m.verify(rest)
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(m.Stderr, "crimemap: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}

// fail prints an error and returns code.
func (m *Main) fail(code int, format string, args ...any) int {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintf(m.Stderr, "crimemap: %s\n", strings.TrimSpace(msg))
	return code
}

func (m *Main) printf(format string, args ...any) { fmt.Fprintf(m.Stdout, format, args...) }
