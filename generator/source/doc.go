// Package source loads the data.police.uk archive layout, from a folder or
// straight from the archive zip, into a store.Store.
//
// It streams: each file is read once, in parallel with others, through a
// CSV reader that does not allocate per row, and its rows go straight into
// the store's compact columns. Every row that cannot be used is reported to a
// validate.Report with its file, line and reason, and left out; nothing is
// dropped silently. Loading is deterministic: the store's numbering depends
// only on the input, never on scheduling.
package source
