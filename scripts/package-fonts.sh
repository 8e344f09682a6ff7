#!/usr/bin/env bash
# The print fonts the packages carry (the .deb and the Windows installer), written into
# target/package/fonts with each font's licence beside it; sourced by scripts/build-deb.sh and
# scripts/build-windows.sh after scripts/setup.sh (which installs the Debian fonts and Unihan).
# Needs Python's fontTools, fetched from PyPI into target/package/venv.
pkg="$root/target/package"
mkdir -p "$pkg/fonts"

# The print fonts (assets/fonts.tsv). Noto CJK (no reserved font name) is subset to GB 2312 and the
# 通用规范汉字表 (8,231 characters, from Debian's Unihan) with common symbols: 5.8 MB a face
# instead of 26 MB. LXGW WenKai reserves its name, so it is carried unmodified. Rarer
# characters print from the system's fonts; one that no font has is named, never dropped.
if [ ! -x "$pkg/venv/bin/pyftsubset" ]; then
  python3 -m venv "$pkg/venv"
  "$pkg/venv/bin/pip" install --quiet fonttools==4.55.0
fi
chars="$(bzcat /usr/share/unicode/Unihan_OtherMappings.txt.bz2 |
  awk '$2=="kGB0"||$2=="kTGH"{sub("U\\+","",$1); print $1}' | sort -u | paste -sd,)"
symbols="0020-007E,00A0-00FF,0100-017F,2000-206F,2100-218F,2190-21FF,2200-22FF,2460-24FF,2500-257F,25A0-25FF,2600-26FF,2713-2717,3000-303F,3200-32FF,FF00-FFEF"
subset() { # source face output
  [ -s "$pkg/fonts/$3" ] && return
  echo "==> 字体子集 $3"
  "$pkg/venv/bin/pyftsubset" "$1" --font-number="$2" --unicodes="$chars,$symbols" \
    --layout-features='*' --output-file="$pkg/fonts/$3.tmp"
  mv "$pkg/fonts/$3.tmp" "$pkg/fonts/$3"
}
# Which faces, from which packages, subset or not: assets/fonts.tsv.
while IFS=$'\t' read -r output package source face how _licence _role; do
  case "$output" in ''|'#'*) continue ;; esac
  case "$how" in
    gb2312+tgh) subset "$source" "$face" "$output" ;;
    none) cp "$source" "$pkg/fonts/$output" ;;
    *) echo "assets/fonts.tsv: 未知的子集方式 $how" >&2; exit 1 ;;
  esac
  cp "/usr/share/doc/$package/copyright" "$pkg/fonts/copyright-$package.txt"
done < "$root/assets/fonts.tsv"

