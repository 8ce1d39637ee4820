#!/usr/bin/env bash
# Vendors the front-end files from the npm registry into static/vendor/ (committed: pages never
# load anything from another host, and `make run` needs no npm). Rerun after changing a version.
set -euo pipefail
cd "$(dirname "$0")/.."
HTMX=2.0.11
BOOTSTRAP=5.3.9
CHARTJS=4.6.1
AXE=4.14.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "htmx.org@$HTMX" "bootstrap@$BOOTSTRAP" "chart.js@$CHARTJS" "axe-core@$AXE" >/dev/null)
for tgz in "$work"/*.tgz; do
  name=$(basename "$tgz" .tgz)
  mkdir -p "$work/$name" && tar -xzf "$tgz" -C "$work/$name"
done
dest=static/vendor
rm -rf "$dest" && mkdir -p "$dest"/{htmx,bootstrap/css,bootstrap/js,chartjs,axe-core}
cp "$work/htmx.org-$HTMX/package/dist/htmx.min.js" "$dest/htmx/"
cp "$work/bootstrap-$BOOTSTRAP/package/dist/css/bootstrap.min.css" "$dest/bootstrap/css/"
cp "$work/bootstrap-$BOOTSTRAP/package/dist/js/bootstrap.bundle.min.js" "$dest/bootstrap/js/"
cp "$work/chart.js-$CHARTJS/package/dist/chart.umd.min.js" "$dest/chartjs/"
cp "$work/axe-core-$AXE/package/axe.min.js" "$dest/axe-core/"
for pkg in "htmx.org-$HTMX" "bootstrap-$BOOTSTRAP" "chart.js-$CHARTJS" "axe-core-$AXE"; do
  lic=$(ls "$work/$pkg/package/" | grep -i '^licen[cs]e' | head -n1 || true)
  [ -n "$lic" ] && cp "$work/$pkg/package/$lic" "$dest/LICENSE.$pkg"
done
# Strip source-map references: the maps are not vendored and browsers would ask for them.
sed -i '/^\/\/# sourceMappingURL=/d; s#/\*\# sourceMappingURL=[^*]*\*/##' "$dest"/*/*.js "$dest"/*/*/*.js "$dest"/*/*/*.css 2>/dev/null || true
cat > "$dest/VERSIONS" <<VERSIONS
htmx.org $HTMX
bootstrap $BOOTSTRAP
chart.js $CHARTJS
axe-core $AXE
VERSIONS
echo "vendored into $dest:"; cat "$dest/VERSIONS"
