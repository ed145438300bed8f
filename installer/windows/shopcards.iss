; Inno Setup 6 script: the Windows setup program for shopcards (Inno Setup 6.3 or newer).
;
; installer/build.py compiles it after PyInstaller has built the program folder, passing the
; version and where things are:
;
;   ISCC /DAppVersion=0.1.0 /DBundleDir=C:\...\dist\shopcards
;        /DServerDir=C:\...\dist\shopcards-server\postgresql
;        /DIconFile=C:\...\build\installer\shopcards\icons\shopcards.ico
;        /DOutputDir=C:\...\dist installer\windows\shopcards.iss
;
; The shop's data is NOT in the program folder: the card file and its backups live in the
; user's data folder, %LOCALAPPDATA%\shopcards (platformdirs; shopcards/paths.py). Setup and
; the uninstaller only touch the program folder {app}, and nothing below names the data
; folder, so an upgrade, a reinstall or an uninstall leaves the customers' cards where they
; are. The first start of a newer version copies the card file aside, then upgrades it.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (installer/build.py does)
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\shopcards"
#endif
#ifndef ServerDir
  #define ServerDir "..\..\dist\shopcards-server\postgresql"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\installer\shopcards\icons\shopcards.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; AppId is how Windows knows shopcards from one version to the next. Never change it: a new
; AppId would install a second shopcards beside the first instead of upgrading it.
AppId={{59EEA11F-E61E-4ADB-8601-7F93594F5F06}
AppName=shopcards
AppVersion={#AppVersion}
AppVerName=shopcards {#AppVersion}
AppPublisher=The shopcards authors
AppComments=The customer-card cabinet of a small shop
; {autopf} is "Program Files" when installed for everyone, %LOCALAPPDATA%\Programs when for
; one user: never the data folder.
DefaultDirName={autopf}\shopcards
DisableProgramGroupPage=yes
; No administrator needed: install for yourself, or (the dialog offers it) for everyone.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; Qt 6 runs on 64-bit Windows 10 and newer.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=shopcards-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\shopcards.exe
UninstallDisplayName=shopcards
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; An upgrade while shopcards is open: offer to close it before its files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "finnish"; MessagesFile: "compiler:Languages\Finnish.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "hebrew"; MessagesFile: "compiler:Languages\Hebrew.isl"

[CustomMessages]
; The optional server part. The program's message when it is missing (services/server_process.py)
; names the English label: keep the two the same.
english.ServerComponent=Server for a second PC
finnish.ServerComponent=Palvelin toiselle tietokoneelle
german.ServerComponent=Server für einen zweiten PC
french.ServerComponent=Serveur pour un deuxième PC
hebrew.ServerComponent=שרת למחשב שני
english.StandardType=Standard installation
finnish.StandardType=Tavallinen asennus
german.StandardType=Standardinstallation
french.StandardType=Installation standard
hebrew.StandardType=התקנה רגילה
english.CustomType=Custom installation
finnish.CustomType=Mukautettu asennus
german.CustomType=Benutzerdefinierte Installation
french.CustomType=Installation personnalisée
hebrew.CustomType=התקנה מותאמת אישית

[Types]
Name: "standard"; Description: "{cm:StandardType}"
Name: "custom"; Description: "{cm:CustomType}"; Flags: iscustom

[Components]
; The program, always. The server (PostgreSQL, about 30 MB) only on the PC that shares the
; card file with the shop's other PCs (issue 16): in no setup type, so it is unticked until
; the owner ticks it. Running setup again (an upgrade too) offers the choice made last time.
Name: "program"; Description: "shopcards"; Types: standard custom; Flags: fixed
Name: "server"; Description: "{cm:ServerComponent}"

[Tasks]
; A desktop shortcut, ticked by default (the setup page lets the owner untick it).
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the program's libraries whole, so no file of an older version lingers
; beside the new ones. This is inside the program folder only.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The PyInstaller folder: shopcards.exe (the window), shopcards-cli.exe (the same program for
; the command line: backups, checks) and _internal\ (Python, Qt, the fonts and templates).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Components: program; Flags: ignoreversion recursesubdirs createallsubdirs
; The server part, in the program folder where shopcards looks for it: {app}\postgresql\bin.
Source: "{#ServerDir}\*"; DestDir: "{app}\postgresql"; Components: server; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\shopcards"; Filename: "{app}\shopcards.exe"; Comment: "The customer-card cabinet of the shop"
Name: "{autodesktop}\shopcards"; Filename: "{app}\shopcards.exe"; Comment: "The customer-card cabinet of the shop"; Tasks: desktopicon

[Run]
Filename: "{app}\shopcards.exe"; Description: "{cm:LaunchProgram,shopcards}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section: the uninstaller removes exactly the files setup installed.
; The card file, its backups and the log are in %LOCALAPPDATA%\shopcards and stay.

[Code]
function DataFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\shopcards');
end;

{ The program folder must not be the data folder: setup replaces the program folder's
  libraries on every upgrade. }
function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = wpSelectDir) and
     (CompareText(RemoveBackslashUnlessRoot(WizardDirValue()), DataFolder()) = 0) then
  begin
    MsgBox('This folder holds the shop''s card file. Please choose another folder for the program.',
      mbError, MB_OK);
    Result := False;
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent() then
    MsgBox('shopcards is removed. The card file and its backups are kept in ' + DataFolder() +
      '; installing shopcards again opens them.', mbInformation, MB_OK);
end;
