; The Windows installer of 党支部工作台, built by scripts/build-windows.sh with Debian's makensis
; (Tauri's own NSIS bundling fetches plugins from the internet at build time, which cannot
; work offline). Per user, without administrator rights: a secretary's office laptop often
; has none. Chinese pages; shortcuts in the start menu and on the desktop; the print fonts
; (the same subsets and licences as the .deb) in a `fonts` folder beside the program, where
; printing looks; a check for the WebView2 runtime the window needs; an uninstaller that
; keeps the secretary's data and says where it is.
;
;   makensis -DVERSION=0.1.0 -DBIN=<folder of the .exe files> -DFONTS=<fonts folder>
;            -DDOCS=<folder of the licences> -DOUT=<installer.exe> installer.nsi

; 64-bit: the program is 64-bit anyway, and Wine here runs only 64-bit Windows programs.
Target amd64-unicode
SetCompressor /SOLID lzma
; A dictionary wider than each program (the default is 8 MB), so that what zhibu-desktop.exe and
; zhibu.exe share (the core, the typesetter, SQLite) is stored once: 33.6 MB instead of 41.2.
; Unpacking then needs 64 MB of memory; building it, about 730 MB.
SetCompressorDictSize 64
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define PRODUCT "党支部工作台"
!define IDENT "cn.zhibu.workbench"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENT}"
; The WebView2 runtime's product code, under which it registers its version ("pv").
!define WEBVIEW2 "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT"

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${DOCS}/LICENSE.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\zhibu-desktop.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动${PRODUCT}"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2}" "pv"
  ${EndIf}
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ; Installed anyway: the command line zhibu.exe works without it, and the runtime can be
    ; added afterwards.
    MessageBox MB_OK|MB_ICONEXCLAMATION "本电脑没有 Microsoft Edge WebView2 运行时，${PRODUCT}的窗口需要它才能打开（Windows 10 更新后和 Windows 11 已自带）。$\r$\n$\r$\n请在微软官网搜索并下载“Microsoft Edge WebView2 Runtime”（常青版引导程序 Evergreen Bootstrapper）安装后，再启动${PRODUCT}。" /SD IDOK
  ${EndIf}
FunctionEnd

Section "${PRODUCT}" Main
  SetOutPath "$INSTDIR"
  File "${BIN}/zhibu-desktop.exe"
  File "${BIN}/zhibu.exe"
  File "${BIN}/WebView2Loader.dll"
  File "${DOCS}/LICENSE.txt"
  File "${DOCS}/THIRD-PARTY.md"
  SetOutPath "$INSTDIR\fonts"
  File "${FONTS}/*.*"
  SetOutPath "$INSTDIR"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\zhibu-desktop.exe"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\zhibu-desktop.exe"

  WriteUninstaller "$INSTDIR\卸载${PRODUCT}.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\zhibu-desktop.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\卸载${PRODUCT}.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\卸载${PRODUCT}.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  Call CheckWebView2
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\zhibu-desktop.exe"
  Delete "$INSTDIR\zhibu.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\THIRD-PARTY.md"
  RMDir /r "$INSTDIR\fonts"
  Delete "$INSTDIR\卸载${PRODUCT}.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; The secretary's data (data file, automatic backups) is never removed with the program.
  MessageBox MB_OK|MB_ICONINFORMATION "${PRODUCT}已卸载。支部的数据和自动备份仍保留在：$\r$\n$APPDATA\${IDENT}$\r$\n重新安装后会继续使用；如确实不再需要，可手动删除该文件夹（删除前请先导出备份交上级党组织）。" /SD IDOK
SectionEnd
