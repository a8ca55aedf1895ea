#include "language.h"

#include "widgets/kindnames.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace nqi::app {

Language *Language::instance()
{
    static QPointer<Language> language;
    if (!language)
        language = new Language(QCoreApplication::instance());
    return language;
}

Language::Language(QObject *parent)
    : QObject(parent)
    , m_application(std::make_unique<QTranslator>())
    , m_qt(std::make_unique<QTranslator>())
{
}

// The translators remove themselves while the application lives (not after: it goes first).
Language::~Language() = default;

QString Language::resolve(const QString &choice)
{
    if (choice.isEmpty())
        return QLocale::system().language() == QLocale::Chinese ? u"zh"_qs : u"en"_qs;
    return choice.startsWith(u"zh"_qs) ? u"zh"_qs : u"en"_qs;
}

QString Language::current() const
{
    if (!m_current.isEmpty())
        return m_current;
    // Nothing applied yet (a window made without main(), as the tests make it): the locale
    // says what the translators installed meanwhile are.
    return widgets::interfaceLanguage();
}

bool Language::apply(const QString &choice)
{
    const QString code = resolve(choice);
    if (code == m_current)
        return false;
    QCoreApplication::removeTranslator(m_application.get());
    QCoreApplication::removeTranslator(m_qt.get());
    m_application = std::make_unique<QTranslator>();
    m_qt = std::make_unique<QTranslator>();
    // The locale first: what the LanguageChange events rebuild formats numbers and names run
    // configurations in it.
    if (code == u"zh") {
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        if (m_application->load(u":/nqi/translations/nqi_zh_CN.qm"_qs))
            QCoreApplication::installTranslator(m_application.get());
        if (m_qt->load(QLocale(), u"qtbase"_qs, u"_"_qs,
                       QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(m_qt.get());
    } else {
        // The system's conventions for numbers and dates, unless they are Chinese ones.
        const QLocale system = QLocale::system();
        QLocale::setDefault(system.language() == QLocale::Chinese
                                ? QLocale(QLocale::English, QLocale::UnitedKingdom)
                                : system);
    }
    m_current = code;
    Q_EMIT changed(code);
    return true;
}

} // namespace nqi::app
