package main

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/crimemap/crimemap/generator/verify"
)

const verifyUsage = `Check a built site: its manifest, links, JSON, tile archives and, with
--data, that every published location is one of the input's.

Usage:
  crimemap verify [flags] [site]    (site defaults to public)

Flags:
`

func (m *Main) verify(args []string) int {
	fs := m.newFlags("verify", "")
	fs.Usage = func() { fmt.Fprintf(fs.Output(), "%s%s", verifyUsage, fs.FlagUsages()) }
	var opt verify.Options
	fs.StringVar(&opt.Data, "data", "", "the build's input (folder or .zip), to check every published location is one of its locations; without it the privacy check is skipped")
	fs.StringVar(&opt.BaseURL, "base-url", "", "the site's public address (default: the canonical link of the site's index.html)")
	quiet := fs.BoolP("quiet", "q", false, "print only the problems")
	// The site is an argument, not a flag, so the generic parse (which
	// refuses arguments) does not fit.
	err := fs.Parse(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		fs.SetOutput(m.Stdout)
		fs.Usage()
		return exitOK
	case err != nil:
		fmt.Fprintf(m.Stderr, "crimemap verify: %v\n", err)
		return exitUsage
	case fs.NArg() > 1:
		fmt.Fprintf(m.Stderr, "crimemap verify: unexpected argument %q\n", fs.Arg(1))
		return exitUsage
	}
	site := "public"
	if fs.NArg() == 1 {
		site = fs.Arg(0)
	}
	if opt.BaseURL != "" {
		if _, err := verify.ParseBaseURL(opt.BaseURL); err != nil {
			return m.fail(exitUsage, "verify: --base-url: %v", err)
		}
	}
	rep, err := verify.Site(site, opt)
	if err != nil {
		return m.fail(exitFail, "%v", err)
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(m.Stdout, p)
	}
	if !*quiet {
		if rep.BaseURL == "" {
			m.printf("base URL unknown (no --base-url and no canonical link in index.html): absolute links were not checked\n")
		}
		if !rep.PrivacyChecked {
			m.printf("privacy check skipped: give the build's input with --data to check every published location\n")
		}
		m.printf("verify %s: %s\n", site, rep.Summary())
	}
	if !rep.OK() {
		return m.fail(exitFail, "verify: %s has %d problems", site, len(rep.Problems))
	}
	return exitOK
}
