#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"nqi-workbench"_qs);
    QApplication::setApplicationDisplayName(u"NQI Workbench"_qs);
    QApplication::setOrganizationName(u"NQI Workbench"_qs);
    QApplication::setApplicationVersion(QStringLiteral(NQI_VERSION));
    QApplication::setWindowIcon(QIcon(u":/nqi/icons/sites/national_hub.svg"_qs));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), u"qtbase"_qs, u"_"_qs,
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(&qtTranslator);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(u"NQI Workbench: plan new-quality Internet networks."_qs);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"project"_qs, u"A project to open (.gpkg)."_qs,
                                 u"[PROJECT.gpkg]"_qs);
    parser.process(app);

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
