// Package manifest reads and writes a site's manifest: every file of the
// site with its size and SHA-256, one line each, sorted by path.
//
// The build writes it last, from what it wrote; crimemap verify checks a
// site against it, and crimemap publish compares it with the copy in the
// bucket to upload only what changed. The format is plain text so that
// anyone can check a site with standard tools:
//
//	# crimemap site manifest 1
//	<sha256 in hex> <size in bytes> <path relative to the site, slash-separated>
//
// The manifest does not list itself.
package manifest
