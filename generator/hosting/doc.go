// Package hosting is the one place for how a built site is served: the
// Content-Type and Cache-Control of every path, the security headers, the
// _headers file that Netlify and Cloudflare Pages read, the rewrites that
// answer the live API's paths (the _redirects file and a CloudFront
// Function), CORS, and a preview handler that serves a site folder under
// those same rules.
//
// Contract:
//
//   - Rewrites have one reading, Rewriter's: the first rule whose path and
//     query match names the file answered with status 200, and a value
//     taken from the request must be one safe path segment (SafeValue).
//     RedirectsFile and CloudFrontFunction write the same rules for the
//     hosts, ParseRedirects reads the file back, and the preview applies
//     it; the CloudFront function is tested under Node against Rewriter.
//   - api/ and data/ may be read from any origin (Access-Control-Allow-Origin:
//     *, preflights answered by the preview); nothing else is shared.
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
