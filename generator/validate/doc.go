// Package validate records what is wrong with the input.
//
// Every problem names its file, line and reason; bad rows are excluded from
// the site but never silently. A Report counts problems by force, month and
// reason and keeps a few examples of each, so that a national build with a
// million bad rows still writes a report of bounded size. Reports are safe for
// concurrent use, because files are parsed in parallel.
package validate
