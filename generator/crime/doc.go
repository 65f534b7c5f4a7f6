// Package crime is the vocabulary of the published data: months, crime
// categories, outcome categories and the wording of stop-and-search fields.
//
// Every other stage speaks in the small integer codes defined here rather than
// in strings, so the store stays compact and comparisons stay cheap. The codes
// are stable within one build only; outputs use the slugs and names.
package crime
