#pragma once

namespace nqi::app {

/**
 * Keeps D-Bus from starting a session bus for the workbench. Without DBUS_SESSION_BUS_ADDRESS (a
 * bare X server, ssh -X, a container), the first use of the session bus (Qt's accessibility
 * bridge at start-up) makes libdbus fork this process to start one ("autolaunch"); the child
 * runs the fork handlers of libraries whose locks other threads may hold at that moment (PROJ,
 * while the basemap loads), and can deadlock there, with the window never shown. So when the
 * variable is unset, it is set: to the user's bus at $XDG_RUNTIME_DIR/bus when that socket
 * exists (where libdbus would look first), else to an address where no bus answers, so that
 * nothing is forked and the workbench runs without desktop integration, as it would anyway.
 * Called before the QApplication is made, while no other thread runs. A set variable is left
 * alone.
 */
void avoidSessionBusAutolaunch();

} // namespace nqi::app
