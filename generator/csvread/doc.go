// Package csvread reads CSV records for every CSV input of the build: the
// published police files, exact records, the snap-point gazetteer and the
// reference tables. One reader means one reading of what a record is, one
// set of limits and one wording of each problem.
//
// # Contract
//
//   - Records are RFC 4180: fields separated by commas, records by LF or
//     CRLF. A lone CR inside a field is kept. The last record may end
//     without a line end.
//   - A field may be quoted; inside quotes, commas, doubled quotes (one quote
//     in the value) and line breaks are part of the value.
//   - A UTF-8 byte order mark at the start of the input is skipped: Excel
//     and the ONS write one.
//   - An empty line is a record of one empty field; Blank tells callers
//     that skip such lines.
//   - A record longer than MaxRecord (its field bytes and separators,
//     quotes not counted) is reported as ErrRecordTooLong without being held
//     in memory, however long it is; a quote in an unquoted field or text
//     after a closing quote as ErrBareQuote; a quote still open at the end of
//     the input as ErrUnclosedQuote. After any of these the reader resumes at
//     the line after the bad record's end, line breaks inside its quotes
//     included, so one bad record is one error.
//   - Line gives the line on which the last record started, counting from
//     1 and counting line breaks inside quoted fields; Next gives the line
//     after its end, so callers can mark the exact lines a record took.
//   - The common record, one line without quotes, is split in place in the
//     read buffer: no copy and no allocation. A record with quotes is
//     copied into a buffer the reader reuses. Either way the fields, and Raw,
//     are valid only until the next Read.
//
// encoding/csv allocates a string per field, which at twenty million rows
// would be most of the load's time, and it holds a whole record however
// long before returning it.
package csvread
