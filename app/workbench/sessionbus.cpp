#include "sessionbus.h"

#include <QByteArray>
#include <QtGlobal>

#include <sys/stat.h>

namespace nqi::app {

void avoidSessionBusAutolaunch()
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return;
    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    const QByteArray userBus = QByteArray(runtime).append("/bus");
    struct stat st = {};
    if (!runtime.isEmpty() && ::stat(userBus.constData(), &st) == 0 && S_ISSOCK(st.st_mode)) {
        qputenv("DBUS_SESSION_BUS_ADDRESS", QByteArray("unix:path=").append(userBus));
        return;
    }
    // No bus runs for this user: an address that fails at once, without a fork.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/nqi-workbench/no-session-bus");
}

} // namespace nqi::app
