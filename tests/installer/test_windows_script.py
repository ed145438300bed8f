"""The Windows setup script (Inno Setup; compiled on Windows only) read as text: its shortcuts,
its icon, the server as an optional component unticked by default, and that neither setup nor
the uninstaller deletes anything outside the program folder, where the card file never is."""

from __future__ import annotations

import re
from pathlib import Path

from shopcards.services.server_process import SERVER_PART, how_to_add_the_server_part

ISS = Path(__file__).resolve().parents[2] / "installer" / "windows" / "shopcards.iss"


def sections(text: str) -> dict[str, list[str]]:
    """Section name (lower case) -> its entry lines, comments and blank lines left out."""
    found: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1].lower()
            found.setdefault(current, [])
        elif current and line and not line.startswith(";"):
            found[current].append(line)
    return found


SCRIPT = sections(ISS.read_text("utf-8"))


def test_it_makes_a_start_menu_entry_and_a_desktop_shortcut_to_the_program() -> None:
    icons = SCRIPT["icons"]
    assert any(line.startswith('Name: "{autoprograms}\\shopcards"') for line in icons)
    desktop = [line for line in icons if line.startswith('Name: "{autodesktop}')]
    assert desktop and "Tasks: desktopicon" in desktop[0]
    assert all('Filename: "{app}\\shopcards.exe"' in line for line in icons)
    assert not any("unchecked" in line for line in SCRIPT["tasks"]), "ticked by default"


def test_setup_and_the_uninstaller_carry_the_app_icon() -> None:
    setup = SCRIPT["setup"]
    assert "SetupIconFile={#IconFile}" in setup
    assert "UninstallDisplayIcon={app}\\shopcards.exe" in setup


def test_nothing_outside_the_program_folder_is_ever_deleted() -> None:
    assert "uninstalldelete" not in SCRIPT, "the uninstaller removes only what setup installed"
    for line in SCRIPT.get("installdelete", []):
        assert re.search(r'Name: "\{app\}\\', line), line
    entries = "\n".join(line for name, lines in SCRIPT.items() if name != "code" for line in lines)
    assert "{localappdata}" not in entries
    assert "{userappdata}" not in entries


def test_the_program_folder_is_never_the_data_folder() -> None:
    setup = SCRIPT["setup"]
    assert "DefaultDirName={autopf}\\shopcards" in setup
    assert any("WizardDirValue" in line for line in SCRIPT["code"]), "setup refuses it if chosen"


def test_the_server_is_an_optional_component_unticked_by_default() -> None:
    components = {line.split('"')[1]: line for line in SCRIPT["components"]}
    assert "Flags: fixed" in components["program"]
    assert "Types:" not in components["server"], "in no setup type: unticked until ticked"
    assert any("iscustom" in line for line in SCRIPT["types"]), "ticking it is allowed"
    files = SCRIPT["files"]
    assert all("Components: " in line for line in files), "each file belongs to one part"
    server = [line for line in files if "Components: server" in line]
    assert server == [line for line in files if "{#ServerDir}" in line]
    assert f'DestDir: "{{app}}\\{SERVER_PART}"' in server[0], "where the program looks"


def test_the_programs_refusal_names_the_component_as_setup_labels_it() -> None:
    label = next(
        line.split("=", 1)[1]
        for line in SCRIPT["custommessages"]
        if line.startswith("english.ServerComponent=")
    )
    assert f"tick “{label}”" in how_to_add_the_server_part("win32", Path("C:/shopcards"))
