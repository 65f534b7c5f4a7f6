// Command bundle bundles the site's stylesheets and scripts from the
// assets folder into generator/bundle/dist, for go build to embed in the
// crimemap binary, so that it builds a site from any folder and on a
// machine without Node.js. make build runs it before go build:
//
//	go run ./cmd/bundle --assets assets --out generator/bundle/dist
package main

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/crimemap/crimemap/generator/bundle"
)

func main() {
	assets := pflag.String("assets", "assets", "folder of stylesheet and script sources with their npm packages installed (npm ci)")
	out := pflag.String("out", "generator/bundle/dist", "folder the crimemap binary embeds")
	pflag.Parse()
	man, err := bundle.WriteDist(*assets, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bundle:", err)
		os.Exit(1)
	}
	fmt.Printf("bundle: %d entries into %s\n", len(man), *out)
}
