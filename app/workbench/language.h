#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QTranslator;

namespace nqi::app {

/**
 * The interface language of the application: NQI's translation (":/nqi/translations/
 * nqi_zh_CN.qm") and Qt's own (qtbase: standard buttons, dialogs), installed and removed while
 * the application runs, and the default locale (numbers, dates, run configurations' names).
 * One per application, owned by it; installing a translator sends every widget a
 * QEvent::LanguageChange.
 */
class Language : public QObject
{
    Q_OBJECT

public:
    /// The application's (created, as a child of the application, when first asked for).
    static Language *instance();
    ~Language() override;

    /// "zh" for a choice that starts with "zh", "en" for any other non-empty one, and for an
    /// empty choice the system's language ("zh" when it is Chinese, else "en").
    static QString resolve(const QString &choice);
    /// Switches to @p choice (as resolve() reads it): the translators of that language only
    /// and its default locale. Returns whether the language in use changed.
    bool apply(const QString &choice);
    /// The language in use: "en" or "zh".
    QString current() const;

Q_SIGNALS:
    /// After apply() changed the language (the translators and the default locale are in
    /// place by then).
    void changed(const QString &code);

private:
    explicit Language(QObject *parent);

    std::unique_ptr<QTranslator> m_application;
    std::unique_ptr<QTranslator> m_qt;
    QString m_current; ///< empty until apply() was first called
};

} // namespace nqi::app
