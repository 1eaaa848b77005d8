#!/bin/sh
# sysdeps.sh PACKAGE... — make sure these Debian/Ubuntu/UOS/麒麟 packages are installed.
# As root (or with password-less sudo) it installs what is missing with apt-get; otherwise it names
# exactly what to install and fails, so `make run` / `make test` never start half-equipped.
# On a system without dpkg (not Debian-based) it says what the program needs and carries on.
set -eu
[ $# -gt 0 ] || exit 0
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "sysdeps: not a Debian-based system; make sure the equivalents of these are installed: $*" >&2
  exit 0
fi
missing=""
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
[ -n "$missing" ] || exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"
else
  echo "缺少系统软件包，请先安装（需要管理员权限）：" >&2
  echo "  sudo apt-get install$missing" >&2
  echo "missing system packages; install them with: sudo apt-get install$missing" >&2
  exit 1
fi
echo "installing system packages:$missing"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
