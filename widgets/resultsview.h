#pragma once

#include "core/model/demand.h"
#include "core/model/link.h"
#include "planners/descriptor.h"
#include "planners/route/route.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

#include <optional>

class QComboBox;
class QCustomPlot;
class QLabel;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QTimer;

namespace nqi::widgets {

class Document;

/**
 * Planner results stored in the document, as sortable tables and QCustomPlot charts. The same
 * JSON the command line prints drives it, so results loaded with a project show as they were;
 * what it shows of each planner (tables, what their rows select on the map, charts, how the map
 * is coloured) is what the planner's descriptor declares (planners/descriptor.h).
 */
class ResultsView : public QWidget
{
    Q_OBJECT

public:
    explicit ResultsView(Document *document, QWidget *parent = nullptr);

    /// Shows a planner's stored result by its key ("resilience+n2", "fabric:ZJK").
    void showPlanner(const QString &planner);
    QString currentPlanner() const;
    /// The result whose link colouring the map shows (the last this view sent), empty when
    /// none: a result that colours no links (a fabric) leaves the previous one on the map.
    QString colouringResult() const { return m_colouredBy; }
    QString currentTable() const;
    void showTable(const QString &name);
    void showChart(const QString &name);

    QTableView *table() const { return m_table; }
    QCustomPlot *chart() const { return m_plot; }
    /// Graphs and bar sets in the chart shown.
    int chartSeriesCount() const;
    QStringList tableNames() const;
    QStringList chartNames() const;
    /// The status line, with any pending staleness check done first.
    QString statusText();
    /// How a stored result is named: "GPU fabric for ZJK", "Resilience — N-1: single failures".
    static QString title(const QString &key);
    /// Shows the table row (as the table is sorted now) on the map, as a click on it does.
    void selectRow(int row);
    /// What the map shows of the selected row ("Utilisation under link 22 NJ-SZH"); empty when
    /// no row is selected.
    QString rowShown() const { return m_rowShown; }

Q_SIGNALS:
    /// Link utilisation (0..1 and above) to colour the map by; empty to clear.
    void linkColouring(const QHash<core::LinkId, double> &utilization, const QString &title);
    /// The result now shown belongs to these sites or links (fabric:CODE, ingest:CODE, dci:ID):
    /// the map selects them.
    void subjectShown(const QList<core::SiteId> &sites, const QList<core::LinkId> &links);

private:
    void refreshPlanners();
    void rebuild();
    /// The line above the tables: which result, when, and whether the network changed since.
    void updateStatus();
    void fillTable();
    void drawChart();
    /// Colours the map by the result shown (its worst case, its utilisation), the way it looks
    /// with no row selected.
    void colourByResult();
    /// The selected row on the map: a link selected; a demand's ECMP split over its links; a
    /// failure scenario's failed elements selected and the loads it leaves.
    void showRowOnMap();
    void showDemand(core::DemandId id);
    /// Routes network (IGP/ECMP) with the options the shown result ran with.
    planners::route::Result routeAsTheShownResult(const core::Network &network) const;
    /// also: a link to select too (the link whose worst case the scenario is).
    void showScenario(const QString &name, std::optional<core::LinkId> also = std::nullopt);
    QJsonObject currentJson() const;
    /// The shown table's declaration (its planner's descriptor); null when none is shown.
    const planners::TableDescriptor *shownTable() const;

    Document *m_document;
    QComboBox *m_planner;
    QString m_colouredBy;
    QComboBox *m_tableChoice;
    QComboBox *m_chartChoice;
    QLabel *m_status;
    QTabWidget *m_tabs;
    QTableView *m_table;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QCustomPlot *m_plot;
    QString m_subjectShown; ///< the result whose site or link was last shown on the map
    QString m_rowShown;     ///< what the map shows of the selected row
    // The shown result, parsed and checked once (currentJson).
    mutable QString m_parsedKey;
    mutable QByteArray m_parsedBytes;
    mutable QJsonObject m_parsed;
    QTimer *m_statusTimer; ///< edits come in bursts (a drag); the digest is taken once after
};

/// A failure scenario's name as the resilience planner gives it ("link 7 A-B", "site A",
/// "srlg X", "links 7+9", "normal") in the interface's language ("链路 7 A-B").
QString scenarioTitle(const QString &name);

} // namespace nqi::widgets
