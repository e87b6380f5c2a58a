#!/usr/bin/env bash
# Size budget of what a visitor downloads from ConsentKit: the client script and stylesheet, as
# shipped (minified), raw and gzip -9 (and brotli q11 when Node.js is there to compute it).
# Fails when the gzipped JavaScript and CSS together weigh more than the budget.
#   benchmarks/size.sh            # prints the figures, exits 1 above budget
#   BUDGET=3072 benchmarks/size.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET=${BUDGET:-3072} # bytes, gzipped, JS + CSS together (3 KB)
assets=(src/ConsentKit/wwwroot/consentkit.min.js src/ConsentKit/wwwroot/consentkit.min.css)

brotli_size() {
    command -v node >/dev/null 2>&1 || { echo "-"; return; }
    node -e 'const z=require("zlib"),fs=require("fs");
      const b=z.brotliCompressSync(fs.readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}});
      console.log(b.length)' "$1"
}

printf '%-28s %8s %8s %8s\n' file raw gzip brotli
total_raw=0 total_gzip=0 total_brotli=0
for asset in "${assets[@]}"; do
    [ -f "$asset" ] || { echo "missing $asset: build it with: cd src/ConsentKit/client && npm ci && npm run build" >&2; exit 1; }
    raw=$(wc -c <"$asset")
    gz=$(gzip -9 -c "$asset" | wc -c)
    br=$(brotli_size "$asset")
    printf '%-28s %8d %8d %8s\n' "$(basename "$asset")" "$raw" "$gz" "$br"
    total_raw=$((total_raw + raw)); total_gzip=$((total_gzip + gz))
    [ "$br" = "-" ] || total_brotli=$((total_brotli + br))
done
printf '%-28s %8d %8d %8s\n' "total (JS + CSS)" "$total_raw" "$total_gzip" "$([ "$total_brotli" -gt 0 ] && echo "$total_brotli" || echo -)"

if [ "$total_gzip" -gt "$BUDGET" ]; then
    echo "over budget: $total_gzip bytes gzipped > $BUDGET" >&2
    exit 1
fi
echo "within budget: $total_gzip of $BUDGET bytes gzipped"
