// Package charts draws accessible SVG charts at build time for the force and
// neighbourhood pages, so no chart code runs in the browser.
//
// Contract:
//
//   - SVG returns a complete <svg> element as template.HTML, ready to print
//     inline in an html/template page. Every string from data has been escaped
//     exactly once and stripped of characters XML cannot hold, so the output
//     is well-formed XML and safe HTML.
//   - Every chart has role="img" and aria-labelledby pointing at its own
//     <title> and <desc>. When Description is empty the desc is a summary
//     sentence built from the data (see Trend.Summary and Bars.Summary). The
//     page prints a table with the same numbers after the chart; the chart is
//     an aid to reading it, not the only place the numbers are.
//   - Element ids derive from the chart's ID field ("chart-" + ID, with unsafe
//     characters replaced). Give every chart on a page a distinct ID; when ID
//     is empty one is derived from a hash of the chart's content.
//   - Charts scale to their container: width="100%" and a viewBox 640 units
//     wide. Text is 18 units, body-text size on a desktop and the largest
//     that leaves room for 36 months of axis labels; on a phone the whole
//     chart scales down (to about 10 px text at 360 px wide), one more reason
//     the page's table repeats the numbers. Text uses the page's font
//     and text colour (font-family="inherit", fill="currentColor"); data marks
//     use colours with at least 3:1 contrast against white, and never colour
//     alone: values are printed, points are marked and missing months carry
//     a hatched band.
//   - A month with no published data is never drawn as zero: the line breaks
//     around it.
//   - A month published but flagged incomplete (Point.Flag) is plotted with
//     a hollow marker on a dotted band, and the legend and description name
//     it, so texture and shape, not colour, tell it apart.
//   - Output uses presentation attributes only (no style attributes, scripts
//     or external references), so a strict Content-Security-Policy allows it.
//   - Output is deterministic: the same input gives the same bytes.
//   - The package's own words (the default title, "No data", the legend,
//     the summary sentences) come from the chart's Text, the page's
//     messages (*i18n.Messages; keys "chart.*" in
//     content/messages/<lang>/charts.json), so a Welsh page's chart is in
//     Welsh; a nil Text writes English, byte for byte as before Text
//     existed. Each summary is a whole message with placeholders, its
//     plurals chosen by the catalogue, never English pieces joined.
//     Titles, labels, flags and descriptions are the caller's, to give in
//     the same language. Numbers are written 1,234 in every language, as
//     the catalogue writes them.
//
// Negative values are clamped to zero; values that are not finite are treated
// as missing in a Trend and as zero in Bars; values above 1e15 are clamped to
// 1e15, far beyond any count the site shows.
package charts
