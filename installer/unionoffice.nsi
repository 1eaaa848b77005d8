; UnionOffice-<version>-setup.exe: the installer a clerk runs without an administrator.
; Built by `make installer` (makensis, Debian's nsis package, on Linux or Windows) from the Windows
; one-folder build; defines passed by the Makefile: VERSION, DIST (the built UnionOffice folder),
; ROOT (the repository, for the icon), OUTFILE.
;
; - per user, no admin: %LOCALAPPDATA%\Programs\UnionOffice, registry under HKCU only;
; - start-menu folder and desktop shortcut, registered in 应用和功能 for uninstalling;
; - an upgrade installs over the old version in the same folder; the data is never in the
;   program folder (it lives in %LOCALAPPDATA%\UnionOffice, or wherever the clerk keeps her file),
;   so an upgrade or an uninstall cannot touch it;
; - the uninstaller removes only what the installer put there and says where the data stays.
; Silent: setup.exe /S installs, uninstall.exe /S removes (make wintest does both under wine).

Unicode true
; 64-bit stubs: the program is 64-bit anyway, and a 64-bit-only wine (no wine32) runs them
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!define APP_NAME "街道工会办公系统"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\UnionOffice"
!define DATA_DIR "$LOCALAPPDATA\UnionOffice"

Name "${APP_NAME}"
Caption "${APP_NAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\UnionOffice"
; an upgrade goes where the last version went
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

!include "MUI2.nsh"

!define MUI_ICON "${ROOT}/resources/icons/unionoffice.ico"
!define MUI_UNICON "${ROOT}/resources/icons/unionoffice.ico"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TEXT "将在这台电脑上为当前用户安装 ${APP_NAME} ${VERSION}，不需要管理员权限。$\r$\n$\r$\n如果已经装过旧版本，新版本会装在原来的位置，数据不受影响。$\r$\n$\r$\n安装前请先关闭正在运行的${APP_NAME}。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "${APP_NAME} 已安装。桌面和开始菜单里有它的快捷方式。$\r$\n$\r$\n您的数据默认保存在：$\r$\n${DATA_DIR}$\r$\n（备份在其中的“…-备份”文件夹）。升级和卸载都不会删除它们。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\UnionOffice.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APP_NAME}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "卸载只删除程序本身。您的数据文件和备份不会被删除，它们保存在 ${DATA_DIR}（以及您自己选择的其他位置）。"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "街道工会"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "街道工会"

Section "${APP_NAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  ; An upgrade: the old program's libraries go first, so nothing stale stays beside the new ones.
  ; Only the program folder's own parts: the data is not here.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${DIST}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\UnionOffice.exe" "" "$INSTDIR\UnionOffice.exe" 0
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\卸载${APP_NAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\UnionOffice.exe" "" "$INSTDIR\UnionOffice.exe" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\UnionOffice.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "街道工会"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$DESKTOP\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\卸载${APP_NAME}.lnk"
  RMDir "$SMPROGRAMS\${APP_NAME}"
  ; Only what the installer put there. ${DATA_DIR} (the office file, its backups and
  ; attachments) is never touched, and RMDir without /r keeps a folder the clerk put files in.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\UnionOffice.exe"
  Delete "$INSTDIR\unionoffice-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DetailPrint "您的数据没有删除，仍在 ${DATA_DIR}"
SectionEnd

Function un.onUninstSuccess
  MessageBox MB_OK|MB_ICONINFORMATION "${APP_NAME} 已卸载。$\r$\n$\r$\n您的数据没有删除：数据文件和备份仍在$\r$\n${DATA_DIR}$\r$\n（备份在其中的“…-备份”文件夹；在“文件 → 备份设置”里另选过的备份文件夹和您放在别处的数据文件也都原样保留）。$\r$\n$\r$\n重新安装后程序会照常打开这些数据。" /SD IDOK
FunctionEnd
