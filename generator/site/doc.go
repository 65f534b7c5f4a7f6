// Package site runs a whole build: load, validate, index, aggregate, render,
// then stage and swap.
//
// The site is written into a staging folder beside the output and swapped in
// only when complete, so a failed or interrupted build leaves the last good
// site in place. A problem with the data that is fatal, or any problem in
// strict mode, stops the build before anything is written.
package site
