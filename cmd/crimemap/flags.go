package main

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"
)

// newFlags returns a flag set for a command that reports errors itself.
func (m *Main) newFlags(name, summary string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n\nUsage:\n  crimemap %s [flags]\n\nFlags:\n%s", summary, name, fs.FlagUsages())
	}
	return fs
}

// parse parses args and returns the exit code to stop with, or -1 to go on.
func (m *Main) parse(fs *pflag.FlagSet, args []string) int {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		fs.SetOutput(m.Stdout)
		fs.Usage()
		return exitOK
	case err != nil:
		fmt.Fprintf(m.Stderr, "crimemap %s: %v\n", fs.Name(), err)
		return exitUsage
	case fs.NArg() > 0:
		fmt.Fprintf(m.Stderr, "crimemap %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitUsage
	}
	return -1
}
