#include "language.h"
#include "mainwindow.h"
#include "sessionbus.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>

int main(int argc, char *argv[])
{
    // Before any thread starts: a fork to start a session bus could hang the start-up.
    nqi::app::avoidSessionBusAutolaunch();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"nqi-workbench"_qs);
    QApplication::setApplicationDisplayName(u"NQI Workbench"_qs);
    QApplication::setOrganizationName(u"NQI Workbench"_qs);
    QApplication::setApplicationVersion(QStringLiteral(NQI_VERSION));
    QApplication::setWindowIcon(QIcon(u":/nqi/icons/app/nqi-workbench.svg"_qs));
    // Ties the windows to the installed desktop entry (task bars, Wayland compositors).
    QGuiApplication::setDesktopFileName(u"org.nqiworkbench.Workbench"_qs);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"NQI Workbench: plan new-quality Internet networks."_qs);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption language(u"lang"_qs,
                                      u"User interface language: en or zh (default: the "
                                      "language chosen in View > Language, else the system's)."_qs,
                                      u"LANG"_qs);
    parser.addOption(language);
    parser.addPositionalArgument(u"project"_qs, u"A project to open (.gpkg)."_qs,
                                 u"[PROJECT.gpkg]"_qs);
    parser.process(app);

    // English or Simplified Chinese: --lang, else the saved choice, else the system's language.
    // View > Language and Preferences switch it while the workbench runs.
    QString chosen = parser.value(language);
    if (chosen.isEmpty())
        chosen = QSettings().value(u"language"_qs).toString();
    nqi::app::Language::instance()->apply(chosen);

    nqi::app::MainWindow window;
    window.show();
    const QStringList projects = parser.positionalArguments();
    QTimer::singleShot(0, &window, [&window, projects] {
        if (!projects.isEmpty())
            window.openProject(projects.constFirst());
        else
            window.offerRecovery();
    });
    return app.exec();
}
