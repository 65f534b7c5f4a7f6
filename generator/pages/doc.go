// Package pages renders the site's HTML pages from the aggregates with
// html/template.
//
// Every value from data reaches a page through html/template, which escapes
// it for where it is printed. Links are relative, so a built site works from
// any folder, a CDN path or file://. Pages are rendered in parallel and each
// page's bytes depend only on the data, so builds are reproducible.
package pages
