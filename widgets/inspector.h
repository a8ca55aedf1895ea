#pragma once

#include "core/model/network.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QStackedWidget;

namespace nqi::widgets {

class Document;

/**
 * Edits the selected sites or links. A value that does not parse or that the model refuses is
 * not applied: the field returns to the stored value and the message says why.
 */
class Inspector : public QWidget
{
    Q_OBJECT

public:
    explicit Inspector(Document *document, QWidget *parent = nullptr);

    void setSelection(const QList<core::SiteId> &sites, const QList<core::LinkId> &links);
    /// The last message shown (tests).
    QString message() const;

    QLineEdit *siteField(const QString &name) const;
    QLineEdit *linkField(const QString &name) const;
    /// The stored planner results of the selected site or link (GPU fabric, ingest, DCI).
    QListWidget *resultsList() const { return m_results; }

Q_SIGNALS:
    /// The user asked to see a stored result (its key, as in Network::plannerResults()).
    void resultRequested(const QString &key);

private:
    void refresh();
    void refreshResults();
    void applySiteField(const QString &name);
    void applySiteKind();
    void applyLinkField(const QString &name);
    void applyLinkMedium();
    void showMessage(const QString &text, bool error);
    template <typename T>
    bool collectEdit(const T &original,
                     const T &changed,
                     bool parsed,
                     const QString &text,
                     QList<T> &before,
                     QList<T> &after);

    Document *m_document;
    QList<core::SiteId> m_sites;
    QList<core::LinkId> m_links;
    QStackedWidget *m_pages;
    QLabel *m_summary;
    QLabel *m_message;
    QHash<QString, QLineEdit *> m_siteFields;
    QComboBox *m_kind;
    QHash<QString, QLineEdit *> m_linkFields;
    QComboBox *m_medium;
    QLabel *m_linkDerived;
    QLabel *m_resultsTitle;
    QListWidget *m_results;
    bool m_refreshing = false;
};

} // namespace nqi::widgets
