// Package site runs a whole build: Build takes a Config, completes and
// checks it once (config.go: Defaults, withDefaults), and runs the stages
// Build lists, in order, through one pipeline (pipeline.go) that times
// each stage itself, wraps its error once with its name, and runs the
// month archives beside the stages from the assets to the catchments.
//
//	load → reference → privacy → validate → index → aggregate → previous
//	     → basemap → [tiles, beside] assets → downloads → render → search
//	     → boundaries → catchments → guard (after tiles) → manifest → swap
//
// Each stage is a method of build, the build's context, whose fields say
// which stage makes them; a stage reads only what earlier stages made.
// docs/pipeline.md draws what flows between them.
//
// The contract:
//   - Privacy: with a gazetteer (--gazetteer, or exact/gazetteer.csv in the
//     reference data, a folder or inside a zip alike), every published
//     location must be one of its eligible snap points, or the build stops
//     at validate, before anything is made from the data.
//   - A fatal problem with the data, or any problem in strict mode, stops
//     the build at validate.
//   - The site is written into the spare beside the output (the site
//     before the live one, every change journaled first) and swapped in
//     only when complete and not smaller than the site it replaces
//     (guard), so a failed, interrupted or killed build leaves the last
//     good site in place, and the parse cache as it was.
//   - A file the spare holds as the new site has it is left as it is;
//     one made from the same input as the live site's is linked from it
//     (output.Dir.Reuse); the same input gives the same bytes.
//   - A build whose input, settings and program are those of the live
//     site stops at its first stage (unchanged.go).
package site
