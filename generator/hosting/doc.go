// Package hosting is the one place for how a built site is served: the
// Content-Type and Cache-Control of every path, the security headers, the
// _headers file that Netlify and Cloudflare Pages read, and a preview
// handler that serves a site folder under those same rules.
//
// Contract:
//
//   - Files under assets/ and tiles/ have content-derived names, so they are
//     cached for a year as immutable. Downloads, the static API and the
//     search indexes (data/, api/ with their listing pages, search/postcodes/,
//     search/places.json) change monthly under the same names: an hour.
//     Pages, feeds, sitemaps, robots.txt and the manifest: five minutes, so
//     a publish shows within minutes without a CDN purge. The _headers file
//     leaves pages to the host's default (CacheRevalidate), see Rules.
//   - Every response carries the same security headers: a Content Security
//     Policy that allows only the site's own scripts (no inline script, no
//     eval, no blob: worker: MapLibre's worker is its own hashed file),
//     Referrer-Policy: no-referrer and X-Content-Type-Options: nosniff.
//   - Files are stored and served as they are, never pre-compressed:
//     .pmtiles archives are read with HTTP Range requests, which must
//     address the file's own bytes, and .zip archives and images are
//     compressed already. CDNs compress text in transit themselves
//     (Compressible says which files they may compress), which is simpler
//     and safer than storing gzip with Content-Encoding, which a client
//     without gzip support or a range request could not read.
//
// ContentType and CacheControl use no system MIME table, so the answers are
// the same on every machine.
package hosting
