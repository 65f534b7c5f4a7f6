// Package markdown turns the site's Markdown content pages (FAQ, about,
// accessibility) into safe HTML for the page templates.
//
// Contract:
//
//   - A page starts with front matter between two "---" lines: simple
//     "key: value" lines, values quoted or not. Keys are title (required),
//     description, order (an integer), slug (default: from the file name) and
//     updated (YYYY-MM-DD). Unknown or repeated keys, bad values, a missing
//     title or unclosed front matter are errors of type *Error, naming the
//     file and line.
//   - The body is CommonMark with GitHub tables and typographic quotes and
//     dashes, rendered by goldmark in its safe mode: raw HTML is dropped,
//     and javascript:, vbscript:, file: and data: links lose their address,
//     so a page cannot inject script.
//   - The template prints the page's only <h1> from the title, so a level 1
//     heading in the body is an error. Empty headings are errors too.
//   - A heading may set its id: "## Pennawd {#heading}" (goldmark's heading
//     attribute syntax, for ATX and setext headings). A translated page uses
//     it to keep the ids of the English one, so that links to a section
//     work in every language. The id must use only a–z, 0–9 and hyphens,
//     be the only thing in the braces (no classes or other attributes),
//     appear once in the page and not be one the page templates use (see
//     TOCLabelID). A "{#...}" ending a heading that breaks these rules is an
//     error naming the file and line, not text or an attribute on the page;
//     "\{#...}" shows the braces as text.
//   - Every other heading gets an id from its text as a reader sees it:
//     lower case, accents removed, a–z, 0–9 and hyphens; repeats get -1, -2
//     ... in document order, stepping around the ids headings set
//     themselves. IDs depend only on the page itself and never take one the
//     page templates use.
//   - Page.TOC lists the h2 headings, each with its h3 headings as children.
//   - Links to absolute http(s) addresses get rel="external noopener";
//     relative links are left as written.
//   - Elements carry the GOV.UK Frontend classes the site's other pages use
//     (govuk-body, govuk-heading-l, govuk-table ...); the output has no
//     inline styles, so the site's content security policy can forbid them.
//   - LoadDir parses every *.md file directly in a folder (subfolders, such
//     as a translation's cy/, are left for their own LoadDir call), reports
//     every broken file at once, rejects two pages with one slug, and sorts
//     by Order then Slug. Slugs come from file names, so a translation with
//     the same file names has the same slugs.
//
// The same input always gives byte-identical output.
package markdown
