#!/usr/bin/env bash
# The reference for the page renderer's speed: Hugo 0.111 (Debian's package)
# building N simple templated pages, each a title and a table of 14 counts.
# Prints pages per second on one line. Usage: bench/hugo-reference.sh [N]
set -euo pipefail
n=${1:-5855}
if ! command -v hugo >/dev/null; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo >/dev/null
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/content/areas" "$dir/layouts/_default"
cat > "$dir/config.toml" <<'EOF'
baseURL = "https://crime.example/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
EOF
cat > "$dir/layouts/_default/single.html" <<'EOF'
<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="stylesheet" href="/site.css"></head>
<body><main><h1>{{ .Title }}</h1><table><caption>Crimes by category</caption><tbody>
{{ range $k, $v := .Params.counts }}<tr><th scope="row">{{ $k }}</th><td>{{ lang.FormatNumber 0 $v }}</td></tr>{{ end }}
</tbody></table></main></body></html>
EOF
cp "$dir/layouts/_default/single.html" "$dir/layouts/_default/list.html"
awk -v n="$n" -v dir="$dir/content/areas" 'BEGIN {
  split("anti-social-behaviour bicycle-theft burglary criminal-damage-arson drugs other-theft possession-of-weapons public-order robbery shoplifting theft-from-the-person vehicle-crime violent-crime other-crime", cats, " ")
  for (i = 1; i <= n; i++) {
    f = dir "/area-" i ".md"
    print "---" > f
    print "title: Area " i > f
    print "counts:" > f
    for (c = 1; c <= 14; c++) print "  " cats[c] ": " (i * 7 + c * 13) % 1000 > f
    print "---" > f
    close(f)
  }
}'
start=$(date +%s.%N)
hugo --quiet -s "$dir" -d "$dir/public" >/dev/null
end=$(date +%s.%N)
awk -v n="$n" -v s="$start" -v e="$end" -v v="$(hugo version | awk '{print $2}')" \
  'BEGIN { printf "hugo %s: %d simple pages in %.2f s, %.0f pages/s\n", v, n, e - s, n / (e - s) }'
