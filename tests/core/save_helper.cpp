// Saves a synthetic network to a path; the atomic-save test kills it at random moments.
// Usage: nqi_save_helper PROJECT.gpkg SITES

#include "core/store/projectstore.h"
#include "testnetworks.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 3)
        return 2;
    const nqi::core::Network network = nqi::tests::syntheticNetwork(arguments[2].toInt(), 3, 0);
    std::fputs("ready\n", stdout);
    std::fflush(stdout);
    nqi::core::ProjectStore::save(network, arguments[1]);
    return 0;
}
