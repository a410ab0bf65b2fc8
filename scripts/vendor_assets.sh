#!/usr/bin/env bash
# Vendor the desk's front-end assets from npm at the versions pinned in package.json / package-lock.json.
# WHY vendored and committed: the desk must work offline and CI must not need npm. Nothing is fetched at run
# time. Run this only to upgrade: edit package.json, run it, review the diff, commit.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/src/frontlines/desk/static/vendor"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$root/package.json" "$tmp/"
[ -f "$root/package-lock.json" ] && cp "$root/package-lock.json" "$tmp/"
(cd "$tmp" && if [ -f package-lock.json ]; then npm ci --ignore-scripts --no-audit --no-fund; else npm install --ignore-scripts --no-audit --no-fund; fi)
[ -f "$root/package-lock.json" ] || cp "$tmp/package-lock.json" "$root/"
nm="$tmp/node_modules"
rm -rf "$dest" && mkdir -p "$dest/leaflet/images" "$dest/topojson-client" "$dest/world-atlas"
cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$nm/leaflet/LICENSE" "$dest/leaflet/"
cp "$nm/leaflet/dist/images/"*.png "$dest/leaflet/images/"
cp "$nm/topojson-client/dist/topojson-client.min.js" "$nm/topojson-client/LICENSE" "$dest/topojson-client/"
cp "$nm/world-atlas/countries-110m.json" "$nm/world-atlas/countries-50m.json" "$nm/world-atlas/LICENSE" "$dest/world-atlas/"
for p in leaflet topojson-client world-atlas; do
  node -e "const p=require('$nm/$p/package.json');console.log(p.name+' '+p.version+' '+(p.license||''))"
done > "$dest/VERSIONS"
echo "vendored into $dest:"; cat "$dest/VERSIONS"
