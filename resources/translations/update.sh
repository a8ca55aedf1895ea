#!/usr/bin/env bash
# Refreshes the translation sources from the code: run after changing visible strings, then
# translate the new entries (Qt Linguist, or by hand) and commit the .ts file.
# lupdate 6.4 does not resolve C++17 nested namespaces (namespace nqi::widgets {) in headers,
# so the contexts of the widgets' classes are qualified here.
set -euo pipefail
cd "$(dirname "$0")/../.."
ts=resources/translations/nqi_zh_CN.ts
# Contexts as lupdate names them, so it keeps the existing translations...
for class in Basemap ConfigExportDialog Document Inspector LayersPanel MapCanvas ObjectTableModel ProjectDock ResultsView SatellitePanel; do
    sed -i "s|<name>nqi::widgets::$class</name>|<name>$class</name>|" "$ts"
done
/usr/lib/qt6/bin/lupdate -silent widgets app/workbench -ts "$ts" -target-language zh_CN \
    -no-obsolete -locations none
# ... and as the running program asks for them.
for class in Basemap ConfigExportDialog Document Inspector LayersPanel MapCanvas ObjectTableModel ProjectDock ResultsView SatellitePanel; do
    sed -i "s|<name>$class</name>|<name>nqi::widgets::$class</name>|" "$ts"
done
