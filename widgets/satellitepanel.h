#pragma once

#include "core/model/constellation.h"
#include "planners/satellite/coverage.h"
#include "planners/satellite/paths.h"

#include <QDateTime>
#include <QTimer>
#include <QWidget>

#include <functional>

#include <optional>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDateTimeEdit;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QToolButton;

namespace nqi::planners::satellite {
struct PlanOptions;
}

namespace nqi::widgets {

class Document;
class SatelliteOverlay;

/**
 * The Satellites dock: the project's constellations (add a Walker shell or a TLE file), the
 * time shown on the map with a slider and play, what the map draws (footprints, ground tracks,
 * heat map), and coverage of an area over a window, computed in a worker with progress and
 * Cancel, charted over time. The ground-satellite rule (minimum elevation, Hypatia's maximum
 * slant range, or both) and the pairing of inter-satellite links (nqi's +Grid or Hypatia's, with
 * its shift) start as the chosen constellation keeps them.
 */
class SatellitePanel : public QWidget
{
    Q_OBJECT

public:
    SatellitePanel(Document *document, SatelliteOverlay *overlay, QWidget *parent = nullptr);

    /// Adds a constellation of one Walker shell "T/P/F:INC:ALT_KM" (one undoable step); false
    /// with a message on a bad shell.
    bool addWalker(const QString &shell, const QString &name, double minElevationDeg);
    /// Adds a constellation from a TLE file; a bad file is refused with file and line, unless
    /// the user keeps the readable element sets.
    bool addTleFile(const QString &path);

    void setStartTime(const QDateTime &utc);
    QDateTime shownTime() const;
    /// Minutes after the start the slider shows.
    void setMinutes(int minutes);
    void setPlaying(bool playing);
    bool isPlaying() const { return m_playTimer.isActive(); }

    /// Area for coverage: "W,S,E,N" or the name of a project region.
    void setArea(const QString &area);
    /// Computes coverage of the area over the window (progress dialog, Cancel); false when
    /// cancelled or refused.
    bool computeCoverage();
    const std::optional<planners::satellite::CoverageResult> &coverage() const
    {
        return m_coverage;
    }
    QCustomPlot *chart() const { return m_chart; }
    QCustomPlot *latencyChart() const { return m_latencyChart; }
    /// The charts' least height: the curves readable at the dock's default size.
    static constexpr int kChartMinimumHeight = 280;

    /// Chooses the two sites (by code) of the latency path and whether it uses inter-satellite
    /// links; computePath() charts bent pipe, inter-satellite and fibre latency over the window.
    void setPathEnds(const QString &fromCode, const QString &toCode, bool isl);
    bool computePath();
    const std::optional<planners::satellite::PathResult> &path() const { return m_path; }
    QString pathSummary() const;
    /// Points of the coverage curve in the chart.
    int chartPoints() const;
    QString summary() const;

Q_SIGNALS:
    void message(const QString &text);

protected:
    /// A change of language (translators installed or removed while the workbench runs): the
    /// texts again, in the new language; what was computed stays.
    void changeEvent(QEvent *event) override;

private:
    static void fitChart(QCustomPlot *plot);
    /// Every text of the panel in the language in use.
    void retranslate();
    void showTimeLabel();
    void showCoverageSummary();
    void showPathSummary();
    void refreshConstellations();
    /// The constellation chosen in the list (nullptr when none).
    const core::Constellation *currentConstellation() const;
    void constellationChosen();
    void timeChanged();
    void addWalkerClicked();
    void addTleClicked();
    std::optional<planners::satellite::Area> area(QString &problem) const;
    void showCoverage();
    /// The GSL rule and ISL pairing of the fields, into options.
    void applyRules(planners::satellite::PlanOptions &options) const;
    /// Enables the fields that apply and names the pairing on the ISL checkbox.
    void rulesChanged();
    /// The maximum slant range of the fields, into a constellation being added.
    void keepRange(core::Constellation &constellation) const;
    /// "Inter-satellite links (+Grid)" or "(Hypatia's +Grid, shift N)".
    QString islTitle() const;
    static QString islTitle(int pairing, int shift);

    Document *m_document;
    SatelliteOverlay *m_overlay;
    QComboBox *m_constellations;
    QPushButton *m_walkerButton;
    QPushButton *m_tleButton;
    QGroupBox *m_timeBox;
    QGroupBox *m_coverageBox;
    QFormLayout *m_coverageForm;
    QPushButton *m_computeCoverageButton;
    QGroupBox *m_pathBox;
    QFormLayout *m_pathForm;
    QHBoxLayout *m_pairingRow;
    QLabel *m_shiftLabel;
    QPushButton *m_computePathButton;
    QDateTimeEdit *m_start;
    QSlider *m_slider;
    QToolButton *m_play;
    QComboBox *m_speed;
    QLabel *m_timeLabel;
    QCheckBox *m_footprints;
    QCheckBox *m_tracks;
    QCheckBox *m_heatMap;
    QComboBox *m_area;
    QDoubleSpinBox *m_grid;
    QDoubleSpinBox *m_elevation;
    QDoubleSpinBox *m_gslMaxRange; ///< 0: no maximum slant range
    QCheckBox *m_gslMinElevation;
    QDoubleSpinBox *m_hours;
    QDoubleSpinBox *m_step;
    QLabel *m_summary;
    QCustomPlot *m_chart;
    QComboBox *m_pathFrom;
    QComboBox *m_pathTo;
    QCheckBox *m_isl;
    QComboBox *m_islPairing;
    QSpinBox *m_islShift;
    QLabel *m_pathSummary;
    QCustomPlot *m_latencyChart;
    std::optional<planners::satellite::PathResult> m_path;
    std::pair<QString, QString> m_pathEnds; ///< the codes of the path's sites
    std::optional<double> m_pathFibreMs;
    int m_pathIslPairing = 0; ///< the pairing and shift the path was computed with
    int m_pathIslShift = 0;
    /// The work in a worker with progress and Cancel; false (with a message) when it did not
    /// finish.
    bool runInWorker(const QString &label, const std::function<void(planners::Progress &)> &work);
    QTimer m_playTimer;
    std::optional<planners::satellite::CoverageResult> m_coverage;
    QString m_coverageArea;
    core::ConstellationId m_rulesOf = 0; ///< the constellation whose rules the fields show
};

} // namespace nqi::widgets
