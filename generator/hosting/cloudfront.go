package hosting

import (
	"bytes"
	"encoding/json"
	"strings"
)

// CloudFrontName is the path of the CloudFront Function in a built site.
// Like _headers and _redirects it is deployment configuration beside the
// pages: it is in the manifest and published with the site (harmless, as
// the rules are documented on the api/ page), and a maintainer installs it
// on the distribution once and again when the rules change.
const CloudFrontName = "_cloudfront.js"

// CloudFrontMaxBytes is CloudFront's limit on a function's code.
const CloudFrontMaxBytes = 10 << 10

// cloudFrontInterpreter reads the rules as NewRewriter's Match does: the
// first rule whose path segments and query parameters match, placeholder
// values one safe segment (SafeValue), a repeated parameter by its first
// value. CloudFront hands the function the URI and query values as the
// client sent them, escaped, so it unescapes them ("+" is a space in a
// query, as Go's url.ParseQuery reads it) and escapes the values again in
// the new URI for the origin. No match leaves the request as it came.
const cloudFrontInterpreter = `
function unescapeOrNull(s, plus) {
  try { return decodeURIComponent(plus ? s.replace(/\+/g, ' ') : s); } catch (e) { return null; }
}
function safe(v) {
  return v !== null && v !== '' && !/[\/\\\u0000]/.test(v) && v.indexOf('..') < 0;
}
function first(q) {
  if (!q) { return null; }
  var v = q.multiValue && q.multiValue.length ? q.multiValue[0].value : q.value;
  return unescapeOrNull(v === undefined ? '' : v, true);
}
function matchRule(r, segs, qs) {
  if (segs.length !== r.f.length) { return null; }
  var vals = {};
  for (var i = 0; i < r.f.length; i++) {
    var s = segs[i];
    if (r.f[i].charAt(0) === ':') {
      if (!safe(s)) { return null; }
      vals[r.f[i].slice(1)] = s;
    } else if (s !== r.f[i]) { return null; }
  }
  for (var j = 0; j < r.q.length; j++) {
    var got = first(qs[r.q[j][0]]);
    if (got === null) { return null; }
    if (r.q[j][1].charAt(0) === ':') {
      if (!safe(got)) { return null; }
      vals[r.q[j][1].slice(1)] = got;
    } else if (got !== r.q[j][1]) { return null; }
  }
  var to = '';
  for (var k = 0; k < r.t.length; k++) {
    to += k % 2 ? encodeURIComponent(vals[r.t[k].slice(1)]) : r.t[k];
  }
  return to;
}
function handler(event) {
  var req = event.request;
  var segs = req.uri.split('/').slice(1).map(function (s) { return unescapeOrNull(s, false); });
  if (req.uri.charAt(0) !== '/' || segs.indexOf(null) >= 0) { return req; }
  for (var i = 0; i < RULES.length; i++) {
    var to = matchRule(RULES[i], segs, req.querystring || {});
    if (to !== null) {
      req.uri = to;
      req.querystring = {};
      return req;
    }
  }
  return req;
}
`

// CloudFrontFunction returns a CloudFront Function (runtime
// cloudfront-js-2.0, for the viewer-request event) that rewrites the
// requests rules match onto their files, as the _redirects file does on
// Netlify, so CloudFront in front of the bucket answers the live API's
// paths and query strings. The rules are embedded as data for one small
// interpreter; they must be ones NewRewriter accepts. A matched request
// goes to the origin without its query string, which the file does not
// need and which would only split the cache.
func CloudFrontFunction(rules []Rewrite) []byte {
	type jsRule struct {
		F []string   `json:"f"` // path segments
		Q [][]string `json:"q"` // query name, value pairs
		T []string   `json:"t"` // target text and placeholders, alternately
	}
	data := make([]jsRule, 0, len(rules))
	for _, r := range rules {
		j := jsRule{F: strings.Split(strings.TrimPrefix(r.From, "/"), "/"), Q: [][]string{}, T: splitTarget(r.To)}
		for _, p := range r.Query {
			j.Q = append(j.Q, []string{p.Name, p.Value})
		}
		data = append(data, j)
	}
	var b bytes.Buffer
	b.WriteString("// CloudFront Function (cloudfront-js-2.0, viewer request), written by\n")
	b.WriteString("// crimemap build: the static API's rewrites, as in _redirects. See\n")
	b.WriteString("// README.md (\"Hosting\") for installing it.\n")
	b.WriteString("var RULES = [\n")
	for i, r := range data {
		line, err := json.Marshal(r)
		if err != nil {
			panic(err) // strings only: cannot fail
		}
		b.Write(line)
		if i < len(data)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("];")
	b.WriteString(cloudFrontInterpreter)
	return b.Bytes()
}
