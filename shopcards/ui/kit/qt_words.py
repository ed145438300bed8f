"""Qt's own words that shopcards shows, for the languages PySide6 ships no ``qtbase`` file for.

PySide6 carries Qt's translations of its buttons, text menus and file dialog for Finnish and
Hebrew, but none for Romanian or Armenian: there, OK, Cancel and the text fields' Copy/Paste
would stay English. So these messages are in shopcards' own catalogue, under the context Qt
asks with (its class name), and ui/kit/language.CatalogueTranslator answers Qt from it. The
catalogue is asked before ``qtbase``, so Finnish and Hebrew carry Qt's own words here too.

The source texts are Qt 6's, as Qt asks for them (qplatformtheme.cpp
``defaultStandardButtonText``, qlineedit.cpp and qwidgettextcontrol.cpp
``createStandardContextMenu``, qmessagebox.cpp, qfiledialog.cpp; tests/ui/test_qt_words.py
checks that Qt asks for them): they must match to the letter, ``&`` and "..." included.
Nothing here is called: the list is read by the catalogue tool.
"""

from __future__ import annotations

from shopcards.core.i18n import NP_

BUTTONS = [
    NP_("QPlatformTheme", "OK"),
    NP_("QPlatformTheme", "Save"),
    NP_("QPlatformTheme", "Save All"),
    NP_("QPlatformTheme", "Open"),
    NP_("QPlatformTheme", "&Yes"),
    NP_("QPlatformTheme", "Yes to &All"),
    NP_("QPlatformTheme", "&No"),
    NP_("QPlatformTheme", "N&o to All"),
    NP_("QPlatformTheme", "Abort"),
    NP_("QPlatformTheme", "Retry"),
    NP_("QPlatformTheme", "Ignore"),
    NP_("QPlatformTheme", "Close"),
    NP_("QPlatformTheme", "Cancel"),
    NP_("QPlatformTheme", "Discard"),
    NP_("QPlatformTheme", "Help"),
    NP_("QPlatformTheme", "Apply"),
    NP_("QPlatformTheme", "Reset"),
    NP_("QPlatformTheme", "Restore Defaults"),
]
"""A dialog's standard buttons (QDialogButtonBox, QMessageBox)."""

TEXT_MENUS = [
    NP_("QLineEdit", "&Undo"),
    NP_("QLineEdit", "&Redo"),
    NP_("QLineEdit", "Cu&t"),
    NP_("QLineEdit", "&Copy"),
    NP_("QLineEdit", "&Paste"),
    NP_("QLineEdit", "Delete"),
    NP_("QLineEdit", "Select All"),
    NP_("QWidgetTextControl", "&Undo"),
    NP_("QWidgetTextControl", "&Redo"),
    NP_("QWidgetTextControl", "Cu&t"),
    NP_("QWidgetTextControl", "&Copy"),
    NP_("QWidgetTextControl", "&Paste"),
    NP_("QWidgetTextControl", "Delete"),
    NP_("QWidgetTextControl", "Select All"),
    NP_("QWidgetTextControl", "Copy &Link Location"),
]
"""The right-click menu of a text field (one line, and a box of lines or a text label)."""

MESSAGE_BOX = [
    NP_("QMessageBox", "Show Details..."),
    NP_("QMessageBox", "Hide Details..."),
]

FILE_DIALOG = [
    NP_("QFileDialog", "&Look in:"),
    NP_("QFileDialog", "Back"),
    NP_("QFileDialog", "Forward"),
    NP_("QFileDialog", "Parent Directory"),
    NP_("QFileDialog", "Create New Folder"),
    NP_("QFileDialog", "List View"),
    NP_("QFileDialog", "Detail View"),
    NP_("QFileDialog", "File &name:"),
    NP_("QFileDialog", "Files of &type:"),
    NP_("QFileDialog", "Open"),
    NP_("QFileDialog", "Save As"),
    NP_("QFileDialog", "&Open"),
    NP_("QFileDialog", "&Save"),
    NP_("QFileDialog", "All Files (*)"),
    NP_("QFileDialog", "&Rename"),
    NP_("QFileDialog", "&Delete"),
    NP_("QFileDialog", "Show &hidden files"),
    NP_("QFileDialog", "&New Folder"),
    NP_("QFileSystemModel", "Name"),
    NP_("QFileSystemModel", "Size"),
    NP_("QFileSystemModel", "Type"),
    NP_("QFileSystemModel", "Date Modified"),
    NP_("QFileSystemModel", "Computer"),
]
"""Qt's own file dialog, which shows where the desktop offers none of its own (a Linux
desktop without a portal): ui/kit/save_as.py and the Open/Save dialogs ask QFileDialog's static
functions, which use the system's dialog where there is one."""
