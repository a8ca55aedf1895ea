#!/usr/bin/env bash
# Refreshes the translation sources from the code: run after changing visible strings, then
# translate the new entries (Qt Linguist, or by hand) and commit the .ts file.
# lupdate 6.4 does not resolve C++17 nested namespaces (namespace nqi::widgets {) in headers,
# so the contexts of the widgets' classes are qualified here: every class under widgets/ (and
# widgets/maptools/) in namespace nqi::widgets whose code calls tr() belongs in this list.
set -euo pipefail
cd "$(dirname "$0")/../.."
ts=resources/translations/nqi_zh_CN.ts
classes="Basemap ConfigExportDialog Document Inspector LayersPanel MapCanvas ObjectTableModel
    ProjectDock ResultsView SatellitePanel MessageBar TaskBar TaskManager ValuesPopup SelectTool
    PanTool MoveSiteTool AddSiteTool SitePairTool AddLinkTool AddDemandTool MeasureTool
    DrawRegionTool"
# Contexts as lupdate names them, so it keeps the existing translations... Only the first
# context of a name is the class's: lupdate sorts the unqualified names first, and a later one
# is named in full in the code already (resultsview.cpp's Q_DECLARE_TR_FUNCTIONS).
for class in $classes; do
    sed -i "0,/<name>nqi::widgets::$class<\/name>/s||<name>$class</name>|" "$ts"
done
/usr/lib/qt6/bin/lupdate -silent widgets app/workbench resources/translations/commandtexts.h \
    -ts "$ts" -target-language zh_CN -no-obsolete -locations none
# ... and as the running program asks for them.
for class in $classes; do
    sed -i "s|<name>$class</name>|<name>nqi::widgets::$class</name>|" "$ts"
done
