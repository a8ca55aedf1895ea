#pragma once

#include "core/io/exporter.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QJsonObject;
class QLabel;
class QScrollArea;
class QMenu;
class QToolBar;

#include "core/model/region.h"
#include "core/store/projectlock.h"
#include "core/store/projectstore.h"

#include <memory>

namespace nqi::core {
class Network;
}

namespace nqi::widgets {
class Document;
class Inspector;
class LayersPanel;
class MapCanvas;
class ProjectDock;
class ResultsView;
class SatelliteOverlay;
class SatellitePanel;
class Task;
class TaskBar;
} // namespace nqi::widgets

namespace nqi::app {

/// The workbench window: the map in the centre, docks around it, menus over the document.
class ReportDialog;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    widgets::Document *document() const { return m_document; }
    widgets::MapCanvas *canvas() const { return m_canvas; }
    widgets::Inspector *inspector() const { return m_inspector; }
    widgets::ProjectDock *projectDock() const { return m_projectDock; }
    widgets::LayersPanel *layersPanel() const { return m_layersPanel; }
    widgets::ResultsView *resultsView() const { return m_resultsView; }
    widgets::SatellitePanel *satellitePanel() const { return m_satellitePanel; }
    widgets::SatelliteOverlay *satelliteOverlay() const { return m_satelliteOverlay; }
    QDockWidget *satellitesDock() const { return m_satellitesDock; }

    /**
     * Starts a planner as a background task (TaskManager) on a snapshot of the network; the
     * window stays usable meanwhile and the status bar shows its progress and Cancel. When it
     * finishes its result is stored in the document (undoable) under
     * planners::resultKey(planner, options) and shown. It carries the snapshot's digest: an edit
     * made during the run leaves it stale. Returns the task, or null when the same planner in
     * the same configuration (and for the same subject) is already running: a second run is
     * refused with a message in the status bar (a repeated click never throws away minutes of
     * work; cancel the running one first to start over).
     */
    widgets::Task *runPlanner(const QString &planner, const QJsonObject &options);
    /// Runs a stored result's planner again (its options, in the configuration and for the
    /// subject its key names), or computes a missing one: runPlanner.
    widgets::Task *computeResult(const QString &key);
    /// The running tasks in the status bar.
    widgets::TaskBar *taskBar() const { return m_taskBar; }
    /// File > Report…: the report dialog (path suggested). Nothing runs or changes until asked:
    /// the dialog shows which results the report uses are stale or missing and computes one
    /// when asked (a background task).
    bool writeReport(const QString &path = {});
    /// The report dialog while it is open (tests).
    ReportDialog *reportDialog() const { return m_reportDialog; }
    /**
     * A planner's form, generated from its descriptor (widgets::PlannerForm), then runPlanner:
     * Plan > Capacity Upgrades, GPU Fabric, Link Between Data Centres, Data Ingest and Run With
     * Options. It opens with the subject selected on the map (a site, a link), the last run's
     * options, then preset. False when cancelled or refused.
     */
    bool planWithForm(const QString &planner, const QJsonObject &preset = {});
    /// A run configuration from the Plan menu ({"n2": true}), at once, with the options of its
    /// last run (else the planner's defaults).
    void runConfiguration(const QString &planner, const QJsonObject &configuration);
    /// Edit > Preferences: language, autosave interval, planner defaults.
    void preferences();
    /**
     * View > Language and Preferences: saves the choice ("en", "zh", or empty for the system's
     * language) and switches the application to it at once (Language). The window is then
     * shown again in that language on the same project: the document with its undo history,
     * file and unsaved edits, the selection, the map's view and tool, the docks' places and
     * the running tasks stay; menus, toolbar, docks' contents and status bar are made anew.
     */
    void setLanguage(const QString &choice);
    /// File > Export > Device Configurations: dialect, preview, address plan, export.
    void exportConfigurations();
    /// File > Export > Sites, Links, Demands: the layer as CSV, GeoJSON, GeoPackage or KML (the
    /// format by the extension, as `nqi export`); path empty asks with a file dialog.
    void exportLayer(core::ExportLayer layer, const QString &path = {});

    /// Opens a project (in a worker thread, behind a progress dialog); false and a message box
    /// on failure. Tasks still running for the open project are cancelled first (asked). The
    /// project is locked for writing while it is open; one that another program holds (or that is
    /// read-only on disk) opens read-only, and the window says who holds it.
    bool openProject(const QString &path);
    /// The open project cannot be saved in place (locked by another program, or read-only).
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    QString readOnlyReason() const { return m_readOnlyReason; }
    bool saveProject(const QString &path);
    /// Imports files as one undoable step; false and a message on failure (nothing changes).
    bool importFiles(const QStringList &paths);
    /// Where the autosave of the current document goes.
    QString recoveryPath() const;
    void autosave();
    /// Offers recovery files left by a crash (called once after start-up).
    void offerRecovery();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    /// The docks' frames, made once (their places survive a change of language), and the
    /// Satellites panel, which translates itself.
    void createDocks();
    /// What the Project, Inspector, Layers and Results docks show, made anew in the language in
    /// use; the previous contents (if any) hand over their state and go.
    void createDockContents();
    /// The docks' titles in the language in use.
    void setDockTitles();
    /// The task bar in the status bar, made anew in the language in use.
    void createTaskBar();
    /// The language changed (Language::changed): the menus, toolbar, docks' contents and the
    /// status bar again, in the new language.
    void retranslate();
    void showScale(double metresPerPixel);
    void updateTitle();
    void updateRecentMenu();
    void addRecent(const QString &path);
    bool maybeSave();
    /// Before the project goes (close, open, new): asks whether to cancel the tasks running
    /// for it and, if so, cancels them and waits; false when the user keeps them.
    bool finishTasks();
    void showTaskFailure(const QString &title, const QString &message);
    void newProject();
    void open();
    bool save();
    bool saveAs();
    void importDialog();
    void deleteSelection();
    void copySelection();
    void paste();
    QString partText(const QString &pattern, qsizetype sites, qsizetype links, qsizetype demands) const;
    void find();
    void about();
    void syncSelectionFromMap();
    void nameRegion(const QList<core::LatLon> &ring);

    widgets::Document *m_document;
    widgets::MapCanvas *m_canvas;
    widgets::Inspector *m_inspector = nullptr;
    widgets::ProjectDock *m_projectDock = nullptr;
    QDockWidget *m_projectFrame = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    QScrollArea *m_inspectorScroll = nullptr;
    QDockWidget *m_layersDock = nullptr;
    widgets::LayersPanel *m_layersPanel = nullptr;
    widgets::ResultsView *m_resultsView = nullptr;
    QDockWidget *m_resultsDock = nullptr;
    widgets::SatelliteOverlay *m_satelliteOverlay = nullptr;
    widgets::SatellitePanel *m_satellitePanel = nullptr;
    QDockWidget *m_satellitesDock = nullptr;
    ReportDialog *m_reportDialog = nullptr;
    widgets::TaskBar *m_taskBar = nullptr;
    QWidget *m_taskBarPlace = nullptr; ///< the task bar's place in the status bar
    /// Counts the projects the window has shown (each reset of the document to another one, not
    /// an edit): a planner's result never lands in a project other than the one it ran on.
    quint64 m_generation = 0;
    /// Owns the actions the menus and the toolbar share (made anew with them).
    QObject *m_actions = nullptr;
    QToolBar *m_toolBar = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QActionGroup *m_tools = nullptr;
    QComboBox *m_kindBox = nullptr;
    QLabel *m_cursorLabel = nullptr;
    QLabel *m_scaleLabel = nullptr;
    QLabel *m_selectionLabel = nullptr;
    QTimer m_autosaveTimer;
    bool m_syncing = false;
    std::unique_ptr<core::ProjectLock> m_lock; ///< the open project's, while it is open
    core::FileStamp m_stamp;                   ///< the project file as read or last saved
    QString m_readOnlyReason;                  ///< why it opened read-only; empty when not
    QLabel *m_readOnlyLabel = nullptr;
};

} // namespace nqi::app
