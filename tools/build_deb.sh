#!/bin/sh
# build_deb.sh VERSION DIST OUT — `make deb`: a .deb of the Linux one-folder build for Debian 12,
# 统信UOS and 银河麒麟 (Debian/Ubuntu-based), on the architecture it is built on (amd64 here;
# arm64 when run on an aarch64 machine, see README「信创 Linux」).
#   /opt/unionoffice/                 the one folder (UnionOffice, unionoffice-cli, _internal/)
#   /usr/bin/unionoffice              the command (no command given: opens the window)
#   /usr/share/applications/unionoffice.desktop   the menu entry, in Chinese, with the icon
#   /usr/share/icons/hicolor/256x256/apps/unionoffice.png
# Depends: the Debian packages that own the system libraries the bundle links to (what Qt's xcb
# platform plugin and the wheels' libraries need), found with ldd + dpkg -S on the build machine,
# so the list follows the build instead of being kept by hand.
set -eu
VERSION=$1; DIST=$2; OUT=$3
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$DIST/UnionOffice" ] || { echo "no Linux build in $DIST (make dist)" >&2; exit 1; }
ARCH=$(dpkg --print-architecture)
PKG=$(mktemp -d); trap 'rm -rf "$PKG"' EXIT
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/doc/unionoffice"
cp -a "$DIST" "$PKG/opt/unionoffice"
cp "$ROOT/resources/icons/unionoffice.png" "$PKG/usr/share/icons/hicolor/256x256/apps/unionoffice.png"
cp "$ROOT/resources/fonts/LICENSE-wqy-microhei.txt" "$PKG/usr/share/doc/unionoffice/"

cat > "$PKG/usr/bin/unionoffice" <<'EOF'
#!/bin/sh
# Union Office: `unionoffice` opens the window; `unionoffice demo|check|backup …` runs a command.
exec /opt/unionoffice/unionoffice-cli "$@"
EOF
chmod 755 "$PKG/usr/bin/unionoffice"

cat > "$PKG/usr/share/applications/unionoffice.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Version=1.0
Name=街道工会办公系统
Name[zh_CN]=街道工会办公系统
Name[en]=Union Office
GenericName=工会办公
Comment=街道总工会的单位台账、会员名册、帮扶慰问、活动与报表
Comment[en]=The year of a street trade-union office on one offline PC
Exec=/opt/unionoffice/UnionOffice
Icon=unionoffice
Terminal=false
Categories=Office;
Keywords=工会;会员;台账;慰问;union;
StartupNotify=true
EOF

# Depends: every library outside the bundle that its ELF files link to, by owning package.
# ldd as the program's loader sees it: the bundle's own libraries first (PyInstaller puts
# _internal on LD_LIBRARY_PATH). Qt's GTK theme plugin is left out: without GTK on the desktop Qt
# just skips it, and it would drag all of GTK 3 in.
export LD_LIBRARY_PATH="$PKG/opt/unionoffice/_internal"
elves=$(find "$PKG/opt/unionoffice" -type f \( -name '*.so*' -o -name UnionOffice -o -name unionoffice-cli \) \
  ! -name 'libqgtk3.so')
libs=$(echo "$elves" | while read -r f; do ldd "$f" 2>/dev/null; done \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | grep -v "^$PKG" | sort -u)
missing=$(echo "$elves" | while read -r f; do ldd "$f" 2>/dev/null; done \
  | awk '/not found/ {print $1}' | sort -u | grep -v -e '^libQt6' -e '^libpyside' -e '^libshiboken' || true)
[ -z "$missing" ] || echo "build_deb: not on this machine, so not in Depends (only plugins we do not use should be here): $(echo $missing)" >&2
# one dpkg -S for all (each call reads the whole database); both spellings of a path, as merged
# /usr makes /lib/x86_64-linux-gnu/… and /usr/lib/x86_64-linux-gnu/… the same file
depends=$( (dpkg -S $libs $(for lib in $libs; do readlink -f "$lib"; done) 2>/dev/null || true) \
  | cut -d: -f1 | sed 's/,.*//' | sort -u | grep -v '^libc6$' | paste -sd, | sed 's/,/, /g')
# plus the Qt xcb/EGL/fontconfig/dbus packages `make run` installs (QT_PACKAGES from the Makefile):
# PyInstaller bundles some of these libraries, but their data (fontconfig's configuration, the
# X keyboard tables) comes from the system. The CJK font is bundled, so fonts are only recommended.
base=$(echo "${QT_PACKAGES:-}" | tr ' ' '\n' | grep . | grep -v '^fonts-' | paste -sd, | sed 's/,/, /g')
SIZE=$(du -sk "$PKG" | cut -f1)

cat > "$PKG/DEBIAN/control" <<EOF
Package: unionoffice
Version: $VERSION
Architecture: $ARCH
Maintainer: Union Office <unionoffice@localhost>
Installed-Size: $SIZE
Depends: $(echo libc6, $depends, $base | tr ', ' '\n\n' | grep . | sort -u | paste -sd, | sed 's/,/, /g')
Recommends: fonts-wqy-microhei | fonts-noto-cjk
Section: office
Priority: optional
Description: 街道工会办公系统 (Union Office)
 The year of a Chinese street trade-union office on one offline PC: the employer
 and union register, the member roll, hardship files and assistance campaigns,
 activities, labour disputes and the returns to the district federation, in one
 local SQLite file. Chinese user interface.
EOF
mkdir -p "$OUT"
DEB="$OUT/unionoffice_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zgzip --build "$PKG" "$DEB" >/dev/null
echo "$DEB"
sed -n 's/^Depends: //p' "$PKG/DEBIAN/control"
du -h "$DEB" | cut -f1
