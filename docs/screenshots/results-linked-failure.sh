#!/bin/bash
# How docs/screenshots/results-linked-failure*.png were taken (xdotool in Xvfb):
#   ../shared/tools/screenshot.sh OUT.png 34 -- docs/screenshots/results-linked-failure.sh
# with SORT_X=531 SORT_Y=760 ROW_X=346 ROW_Y=814 (English) or LANG_UI=zh SORT_X=503
# SORT_Y=765 ROW_X=346 ROW_Y=820 (Chinese), and PROJECT a writable copy of the sample.
# Opens the sample, runs resilience (N-1) from the Plan menu, then selects a row of the Results
# dock given by the environment (ROW_X, ROW_Y; clicks on SORT_X, SORT_Y first when set).
export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent
lang=${LANG_UI:-en}
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/build/ci/bin/nqi-workbench" --lang "$lang" "${PROJECT:?give PROJECT, a copy of the sample}" &
app=$!
sleep 6
xdotool mousemove 1150 880 click 1; sleep 1; xdotool key ctrl+shift+r
sleep ${RUN_WAIT:-14}
if [ -n "${SORT_X:-}" ]; then xdotool mousemove "$SORT_X" "$SORT_Y" click 1; sleep 1; xdotool click 1; sleep 1; fi
if [ -n "${ROW_X:-}" ]; then xdotool mousemove "$ROW_X" "$ROW_Y" click 1; sleep 3; fi
wait $app
