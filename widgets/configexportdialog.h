#pragma once

#include "core/model/network.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace nqi::planners::configgen {
struct RouterConfig;
}

namespace nqi::widgets {

class Document;

/**
 * Export > Device Configurations: the dialect, a preview of one router's configuration, the
 * address plan table, and the export of every router's configuration to a folder. The address
 * plan is made or extended for the preview; exporting stores it in the document (undoable).
 */
class ConfigExportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConfigExportDialog(Document *document, QWidget *parent = nullptr);
    ~ConfigExportDialog() override;

    QComboBox *dialectChoice() const { return m_dialect; }
    QComboBox *routerChoice() const { return m_router; }
    QString preview() const;
    const QStandardItemModel *addressTable() const { return m_addresses; }
    /// The last error shown (empty when the plan and templates are fine).
    QString errorText() const;
    /// Writes every configuration to folder (replacing it when it exists); false with a message
    /// on failure. Stores the address plan in the document when it changed.
    bool exportTo(const QString &folder);

private:
    void regenerate();
    void showRouter();
    void chooseFolder();

    Document *m_document;
    core::Network m_network; ///< the document's network with the plan made or extended
    bool m_planChanged = false;
    QComboBox *m_dialect;
    QComboBox *m_router;
    QPlainTextEdit *m_preview;
    QStandardItemModel *m_addresses;
    QTableView *m_table;
    QLabel *m_status;
    QPushButton *m_export;
    std::vector<planners::configgen::RouterConfig> m_configs;
};

} // namespace nqi::widgets
