// Package publish uploads a built site to an S3-compatible bucket (AWS S3,
// Cloudflare R2, MinIO, ...) with minio-go, changing only what changed and
// keeping the live site consistent at every moment.
//
// Comparison. The local side is the site's manifest.txt (size and SHA-256
// of every file), never a re-hash of the site. The remote side is a listing
// of the bucket under the prefix (key, size, last modified) and the bucket's
// copy of manifest.txt, which publish uploads last and so describes the last
// complete publish. An object is unchanged, and not uploaded, when its size
// matches and either the remote manifest lists it with the local SHA-256 and
// it was not modified after that manifest, or (for objects the remote
// manifest cannot vouch for: modified later, by an interrupted publish or by
// hand, or with no remote manifest) a HEAD request finds the local SHA-256 in
// its x-amz-meta-sha256, which publish sets on every upload. Anything else
// (missing, another size, another hash, changed by hand without that
// metadata) is uploaded. Publish hashes each file it uploads first and stops
// if it no longer matches the manifest, so that metadata is always true.
//
// Order. Uploads go in waves, each finished before the next starts:
// assets and tiles (content-addressed, cached for a year), then data/ and
// api/, then pages (deepest first, so a new page exists before the pages
// that link to it), then feeds, sitemaps and robots.txt, then manifest.txt.
// Only then are objects the site no longer has deleted; old assets and
// tiles that the previous publish listed are kept until the next publish,
// since pages cached by browsers and CDNs for a few minutes still point at
// them.
//
// Interruption. Until the last wave, the bucket holds the previous site
// plus some new files: every page, old or new, finds the assets it names,
// and manifest.txt still describes the previous publish. A rerun finds the
// objects already uploaded by their metadata and uploads only the rest.
//
// Every object gets its Content-Type and Cache-Control from
// generator/hosting and is stored byte for byte, never compressed: tile
// archives are read with Range requests. Files above 16 MiB go up in
// parts (minio-go's multipart upload).
package publish
