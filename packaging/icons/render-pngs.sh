#!/usr/bin/env bash
# Renders the hicolor PNG sizes from org.fanstudio.FanStudio.svg (developer tool; the PNGs are committed, so
# building and packaging need no SVG renderer). Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" org.fanstudio.FanStudio.svg -o "org.fanstudio.FanStudio-$size.png"
done
