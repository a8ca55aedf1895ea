#include "widgets/satellitepanel.h"

#include "core/model/diagnostic.h"
#include "planners/common/progress.h"
#include "planners/satellite/satellite.h"
#include "planners/satellite/tle.h"
#include "widgets/commands.h"
#include "widgets/document.h"
#include "widgets/progressrun.h"
#include "widgets/satelliteoverlay.h"
#include "widgets/wheelguard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTimeZone>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <qcustomplot.h>

#include <type_traits>
#include <variant>

namespace nqi::widgets {

namespace sat = planners::satellite;

SatellitePanel::SatellitePanel(Document *document, SatelliteOverlay *overlay, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_overlay(overlay)
{
    auto *layout = new QVBoxLayout(this);

    // The constellation over the buttons that add one: side by side they are wider than the
    // dock in the default layout.
    auto *constellationRow = new QGridLayout;
    m_constellations = new QComboBox(this);
    constellationRow->addWidget(m_constellations, 0, 0, 1, 2);
    m_walkerButton = new QPushButton(this);
    m_tleButton = new QPushButton(this);
    constellationRow->addWidget(m_walkerButton, 1, 0);
    constellationRow->addWidget(m_tleButton, 1, 1);
    layout->addLayout(constellationRow);

    auto *timeBox = m_timeBox = new QGroupBox(this);
    auto *timeLayout = new QVBoxLayout(timeBox);
    m_start = new QDateTimeEdit(timeBox);
    m_start->setTimeSpec(Qt::UTC);
    m_start->setDisplayFormat(u"yyyy-MM-dd HH:mm"_qs);
    m_start->setDateTime(QDateTime(QDateTime::currentDateTimeUtc().date(), QTime(0, 0), Qt::UTC));
    auto *playRow = new QHBoxLayout;
    m_play = new QToolButton(timeBox);
    m_play->setCheckable(true);
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_slider = new QSlider(Qt::Horizontal, timeBox);
    m_speed = new QComboBox(timeBox);
    for (int minutes : {1, 5, 15, 60})
        m_speed->addItem(QString(), minutes);
    m_timeLabel = new QLabel(timeBox);
    playRow->addWidget(m_play);
    playRow->addWidget(m_slider, 1);
    playRow->addWidget(m_speed);
    timeLayout->addWidget(m_start);
    timeLayout->addLayout(playRow);
    timeLayout->addWidget(m_timeLabel);
    layout->addWidget(timeBox);

    // Two columns: the dock is narrow in the default layout.
    auto *showRow = new QGridLayout;
    m_footprints = new QCheckBox(this);
    m_footprints->setChecked(true);
    m_tracks = new QCheckBox(this);
    m_heatMap = new QCheckBox(this);
    m_heatMap->setChecked(true);
    showRow->addWidget(m_footprints, 0, 0);
    showRow->addWidget(m_tracks, 0, 1);
    showRow->addWidget(m_heatMap, 1, 0);
    layout->addLayout(showRow);

    // Rows whose labels retranslate() names (addRow with an empty text makes no label).
    const auto addRow = [](QFormLayout *form, auto *field) {
        auto *label = new QLabel(form->parentWidget());
        if constexpr (std::is_base_of_v<QWidget, std::remove_pointer_t<decltype(field)>>)
            label->setBuddy(field);
        form->addRow(label, field);
    };
    auto *coverageBox = m_coverageBox = new QGroupBox(this);
    auto *form = m_coverageForm = new QFormLayout(coverageBox);
    m_area = new QComboBox(coverageBox);
    m_area->setEditable(true);
    addRow(form, m_area);
    auto number = [coverageBox](double value, double min, double max, int decimals) {
        auto *box = new QDoubleSpinBox(coverageBox);
        box->setRange(min, max);
        box->setDecimals(decimals);
        box->setValue(value);
        return box;
    };
    m_grid = number(1.0, 0.05, 10.0, 2);
    m_elevation = number(25.0, 0.0, 89.0, 1);
    m_hours = number(24.0, 0.1, 24.0 * 30, 1);
    m_step = number(60.0, 1.0, 3600.0, 0);
    addRow(form, m_grid);
    addRow(form, m_elevation);
    // Hypatia's rule: a place links the satellites within a slant range, with the elevation
    // limit or alone.
    m_gslMaxRange = number(0.0, 0.0, sat::kMaxGslRangeKm, 3);
    m_gslMaxRange->setObjectName(u"gslMaxRangeKm"_qs);
    m_gslMinElevation = new QCheckBox(coverageBox);
    m_gslMinElevation->setObjectName(u"gslMinElevation"_qs);
    m_gslMinElevation->setChecked(true);
    addRow(form, m_gslMaxRange);
    form->addRow(m_gslMinElevation);
    addRow(form, m_hours);
    addRow(form, m_step);
    auto *compute = m_computeCoverageButton = new QPushButton(coverageBox);
    form->addRow(compute);
    m_summary = new QLabel(coverageBox);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_summary);
    layout->addWidget(coverageBox);

    m_chart = new QCustomPlot(this);
    m_chart->addGraph(m_chart->xAxis, m_chart->yAxis);
    m_chart->addGraph(m_chart->xAxis, m_chart->yAxis2);
    m_chart->graph(0)->setPen(QPen(QColor(30, 130, 80), 1.6));
    m_chart->graph(1)->setPen(QPen(QColor(40, 90, 200), 1.2));
    m_chart->yAxis->setRange(0, 105);
    m_chart->yAxis2->setVisible(true);
    m_chart->legend->setVisible(true);
    m_chart->legend->setFont(font());
    layout->addWidget(m_chart, 1);

    auto *pathBox = m_pathBox = new QGroupBox(this);
    auto *pathForm = m_pathForm = new QFormLayout(pathBox);
    m_pathFrom = new QComboBox(pathBox);
    m_pathTo = new QComboBox(pathBox);
    m_isl = new QCheckBox(pathBox);
    m_isl->setChecked(true);
    addRow(pathForm, m_pathFrom);
    addRow(pathForm, m_pathTo);
    pathForm->addRow(m_isl);
    m_islPairing = new QComboBox(pathBox);
    m_islPairing->setObjectName(u"islPairing"_qs);
    m_islPairing->addItem(QString(), int(sat::IslPairing::PlusGrid));
    m_islPairing->addItem(QString(), int(sat::IslPairing::Hypatia));
    m_islShift = new QSpinBox(pathBox);
    m_islShift->setObjectName(u"islShift"_qs);
    m_islShift->setRange(0, 0);
    m_pairingRow = new QHBoxLayout;
    m_pairingRow->addWidget(m_islPairing, 1);
    m_shiftLabel = new QLabel(pathBox);
    m_pairingRow->addWidget(m_shiftLabel);
    m_pairingRow->addWidget(m_islShift);
    addRow(pathForm, m_pairingRow);
    auto *computePathButton = m_computePathButton = new QPushButton(pathBox);
    pathForm->addRow(computePathButton);
    m_pathSummary = new QLabel(pathBox);
    m_pathSummary->setWordWrap(true);
    m_pathSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pathForm->addRow(m_pathSummary);
    layout->addWidget(pathBox);
    m_latencyChart = new QCustomPlot(this);
    for (int i = 0; i < 3; ++i)
        m_latencyChart->addGraph();
    m_latencyChart->graph(0)->setPen(QPen(QColor(200, 90, 30), 1.4));
    m_latencyChart->graph(0)->setLineStyle(QCPGraph::lsNone);
    m_latencyChart->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
    m_latencyChart->graph(1)->setPen(QPen(QColor(40, 90, 200), 1.4));
    m_latencyChart->graph(2)->setPen(QPen(QColor(30, 130, 80), 1.6, Qt::DashLine));
    m_latencyChart->legend->setVisible(true);
    m_latencyChart->legend->setFont(font());
    layout->addWidget(m_latencyChart, 1);
    connect(computePathButton, &QPushButton::clicked, this, &SatellitePanel::computePath);

    connect(m_walkerButton, &QPushButton::clicked, this, &SatellitePanel::addWalkerClicked);
    connect(m_tleButton, &QPushButton::clicked, this, &SatellitePanel::addTleClicked);
    connect(m_constellations, &QComboBox::currentIndexChanged, this,
            &SatellitePanel::constellationChosen);
    connect(m_start, &QDateTimeEdit::dateTimeChanged, this, &SatellitePanel::constellationChosen);
    connect(m_slider, &QSlider::valueChanged, this, &SatellitePanel::timeChanged);
    connect(m_hours, &QDoubleSpinBox::valueChanged, this,
            [this](double hours) { m_slider->setRange(0, int(hours * 60.0)); });
    connect(m_elevation, &QDoubleSpinBox::valueChanged, m_overlay,
            &SatelliteOverlay::setMinElevationDeg);
    connect(m_gslMaxRange, &QDoubleSpinBox::valueChanged, this, &SatellitePanel::rulesChanged);
    connect(m_islPairing, &QComboBox::currentIndexChanged, this, &SatellitePanel::rulesChanged);
    connect(m_islShift, &QSpinBox::valueChanged, this, &SatellitePanel::rulesChanged);
    connect(m_footprints, &QCheckBox::toggled, m_overlay, &SatelliteOverlay::setFootprintsVisible);
    connect(m_tracks, &QCheckBox::toggled, m_overlay, &SatelliteOverlay::setTracksVisible);
    connect(m_heatMap, &QCheckBox::toggled, m_overlay, &SatelliteOverlay::setHeatMapVisible);
    connect(m_play, &QToolButton::toggled, this, &SatellitePanel::setPlaying);
    connect(compute, &QPushButton::clicked, this, &SatellitePanel::computeCoverage);
    m_playTimer.setInterval(100);
    connect(&m_playTimer, &QTimer::timeout, this, [this] {
        const int next = m_slider->value() + m_speed->currentData().toInt();
        m_slider->setValue(next > m_slider->maximum() ? 0 : next);
    });
    connect(m_document, &Document::constellationsChanged, this,
            &SatellitePanel::refreshConstellations);
    connect(m_document, &Document::networkReset, this, &SatellitePanel::refreshConstellations);
    connect(m_document, &Document::regionAdded, this, &SatellitePanel::refreshConstellations);
    connect(m_document, &Document::regionRemoved, this, &SatellitePanel::refreshConstellations);

    // The dock is narrow in the default layout: the lists and forms fit its width (long site
    // names are elided, a form's field goes under its label when the row is too wide).
    for (QComboBox *box : {m_constellations, m_area, m_pathFrom, m_pathTo}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    }
    for (QFormLayout *formLayout : {m_coverageForm, m_pathForm})
        formLayout->setRowWrapPolicy(QFormLayout::WrapLongRows);
    for (QCustomPlot *plot : {m_chart, m_latencyChart})
        fitChart(plot);

    m_slider->setRange(0, int(m_hours->value() * 60.0));
    m_area->addItem(u"73,18,135,54"_qs);
    retranslate();
    refreshConstellations();
    // The dock scrolls under the wheel; a field changes only once chosen. The charts have no
    // use for the wheel.
    WheelGuard::install(this);
    WheelGuard::guard(m_chart);
    WheelGuard::guard(m_latencyChart);
}

// A chart readable at the dock's default width: tall enough for its curves, a few ticks whose
// labels stay apart, and the legend under the plot rather than over the curves.
void SatellitePanel::fitChart(QCustomPlot *plot)
{
    plot->setMinimumHeight(kChartMinimumHeight);
    for (QCPAxis *axis : plot->axisRect()->axes())
        axis->ticker()->setTickCount(4);
    auto *legendRow = new QCPLayoutGrid;
    plot->plotLayout()->addElement(1, 0, legendRow);
    legendRow->setMargins(QMargins(6, 0, 6, 4));
    legendRow->addElement(0, 0, plot->legend);
    plot->legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setBrush(Qt::NoBrush);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
}

void SatellitePanel::refreshConstellations()
{
    const QVariant current = m_constellations->currentData();
    {
        const QSignalBlocker blocker(m_constellations);
        m_constellations->clear();
        for (const core::Constellation &c : m_document->network().constellations())
            m_constellations->addItem(c.name, c.id);
        const int index = m_constellations->findData(current);
        if (index >= 0)
            m_constellations->setCurrentIndex(index);
    }
    for (QComboBox *box : {m_pathFrom, m_pathTo}) {
        const QVariant chosen = box->currentData();
        box->clear();
        // Ground stations first: the usual ends of a satellite path.
        for (const bool stations : {true, false})
            for (const core::Site &site : m_document->network().sites())
                if ((site.kind == core::SiteKind::GroundStation) == stations)
                    box->addItem(u"%1 %2"_qs.arg(site.code, site.name), site.id);
        const int index = box->findData(chosen);
        if (index >= 0)
            box->setCurrentIndex(index);
    }
    if (m_pathTo->count() > 1 && m_pathTo->currentIndex() == m_pathFrom->currentIndex())
        m_pathTo->setCurrentIndex(1);
    const QString text = m_area->currentText();
    m_area->clear();
    m_area->addItem(u"73,18,135,54"_qs);
    for (const core::Region &region : m_document->network().regions())
        m_area->addItem(region.name);
    m_area->setEditText(text);
    constellationChosen();
}

const core::Constellation *SatellitePanel::currentConstellation() const
{
    const core::ConstellationId id = m_constellations->currentData().toLongLong();
    for (const core::Constellation &c : m_document->network().constellations())
        if (c.id == id)
            return &c;
    return nullptr;
}

void SatellitePanel::constellationChosen()
{
    const core::Constellation *chosen = currentConstellation();
    if (!chosen) {
        m_overlay->setSatellites({});
        m_overlay->setVisible(false);
        return;
    }
    {
        const QSignalBlocker blocker(m_elevation);
        m_elevation->setValue(chosen->minElevationDeg);
    }
    // The constellation's GSL rule and ISL pairing, when another one is chosen (not when the
    // time moves: what the user set stays).
    if (chosen->id != m_rulesOf) {
        m_rulesOf = chosen->id;
        int perPlane = 0;
        for (const core::WalkerShell &shell : chosen->shells)
            if (shell.planes > 0) {
                const int satellites = shell.totalSatellites / shell.planes;
                perPlane = perPlane == 0 ? satellites : std::min(perPlane, satellites);
            }
        m_islShift->setMaximum(std::max(0, perPlane - 1));
        m_gslMaxRange->setValue(chosen->gslMaxRangeKm.value_or(0.0));
        m_gslMinElevation->setChecked(chosen->gslMinElevation);
        if (const std::optional<sat::IslPairing> pairing = sat::islPairingOf(chosen->islPattern)) {
            m_islPairing->setCurrentIndex(m_islPairing->findData(int(*pairing)));
            m_islShift->setValue(chosen->islShift);
        }
        rulesChanged();
    }
    double jd = 0.0, fraction = 0.0;
    sat::toJulian(m_start->dateTime().toUTC(), jd, fraction);
    m_overlay->setMinElevationDeg(chosen->minElevationDeg);
    m_overlay->setSatellites(sat::constellationSatellites(*chosen, jd, fraction));
    m_overlay->setVisible(true);
    timeChanged();
}

void SatellitePanel::timeChanged()
{
    showTimeLabel();
    m_overlay->setTime(shownTime());
}

void SatellitePanel::showTimeLabel()
{
    m_timeLabel->setText(tr("%1 UTC, %2 satellites")
                             .arg(shownTime().toString(u"yyyy-MM-dd HH:mm"_qs))
                             .arg(m_overlay->satelliteCount()));
}

QDateTime SatellitePanel::shownTime() const
{
    return m_start->dateTime().toUTC().addSecs(qint64(m_slider->value()) * 60);
}

void SatellitePanel::setStartTime(const QDateTime &utc)
{
    m_start->setDateTime(utc.toUTC());
}

void SatellitePanel::setMinutes(int minutes)
{
    m_slider->setValue(minutes);
}

void SatellitePanel::setPlaying(bool playing)
{
    {
        const QSignalBlocker blocker(m_play);
        m_play->setChecked(playing);
    }
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setToolTip(playing ? tr("Pause") : tr("Play"));
    if (playing)
        m_playTimer.start();
    else
        m_playTimer.stop();
}

void SatellitePanel::setArea(const QString &text)
{
    m_area->setEditText(text);
}

bool SatellitePanel::addWalker(const QString &shell, const QString &name, double minElevationDeg)
{
    core::Constellation constellation;
    try {
        constellation.shells.append(sat::parseWalker(shell));
    } catch (const core::Failure &failure) {
        QMessageBox::warning(this, tr("Walker Shell"), failure.diagnostic().message);
        return false;
    }
    constellation.name = name.isEmpty() ? shell : name;
    constellation.minElevationDeg = minElevationDeg;
    keepRange(constellation);
    if (const auto problem =
            pushCommand(std::make_unique<AddConstellationCommand>(m_document, constellation))) {
        QMessageBox::warning(this, tr("Walker Shell"), problem->message);
        return false;
    }
    m_constellations->setCurrentIndex(m_constellations->count() - 1);
    return true;
}

bool SatellitePanel::addTleFile(const QString &path)
{
    QString text;
    try {
        sat::readTleFile(path, false);
    } catch (const core::Failure &failure) {
        const auto answer = QMessageBox::question(
            this, tr("TLE File"),
            tr("%1\n\nKeep the element sets that can be read and leave the bad ones out?")
                .arg(failure.diagnostic().toString()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return false;
        try {
            sat::readTleFile(path, true);
        } catch (const core::Failure &again) {
            QMessageBox::warning(this, tr("TLE File"), again.diagnostic().toString());
            return false;
        }
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("TLE File"),
                             tr("%1: cannot read: %2").arg(path, file.errorString()));
        return false;
    }
    core::Constellation constellation;
    constellation.name = QFileInfo(path).completeBaseName();
    constellation.tleText = QString::fromUtf8(file.readAll());
    constellation.minElevationDeg = m_elevation->value();
    keepRange(constellation);
    if (const auto problem =
            pushCommand(std::make_unique<AddConstellationCommand>(m_document, constellation))) {
        QMessageBox::warning(this, tr("TLE File"), problem->message);
        return false;
    }
    m_constellations->setCurrentIndex(m_constellations->count() - 1);
    return true;
}

void SatellitePanel::addWalkerClicked()
{
    bool ok = false;
    const QString shell = QInputDialog::getText(
        this, tr("Walker Shell"),
        tr("Shell T/P/F:inclination:altitude km (T satellites in P planes, phasing F):"),
        QLineEdit::Normal, u"1584/72/17:53:550"_qs, &ok);
    if (ok)
        addWalker(shell, QString(), m_elevation->value());
}

void SatellitePanel::addTleClicked()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("TLE File"), QString(), tr("Element sets (*.tle *.txt);;All files (*)"));
    if (!path.isEmpty())
        addTleFile(path);
}

std::optional<sat::Area> SatellitePanel::area(QString &problem) const
{
    const QString text = m_area->currentText().trimmed();
    for (const core::Region &region : m_document->network().regions())
        if (region.name.compare(text, Qt::CaseInsensitive) == 0)
            return sat::Area::fromRings(region.name, region.rings);
    const QStringList parts = text.split(u',');
    bool ok[4] = {};
    sat::Area box;
    if (parts.size() == 4) {
        box.westDeg = parts[0].toDouble(&ok[0]);
        box.southDeg = parts[1].toDouble(&ok[1]);
        box.eastDeg = parts[2].toDouble(&ok[2]);
        box.northDeg = parts[3].toDouble(&ok[3]);
        box.name = text;
    }
    if (ok[0] && ok[1] && ok[2] && ok[3])
        return box;
    problem =
        tr("\"%1\" is neither a region of the project nor a box W,S,E,N in degrees.").arg(text);
    return std::nullopt;
}

void SatellitePanel::applyRules(sat::PlanOptions &options) const
{
    const double rangeKm = m_gslMaxRange->value();
    options.gslMaxRangeKm = rangeKm > 0.0 ? std::optional<double>(rangeKm) : std::nullopt;
    options.gslMinElevation = !options.gslMaxRangeKm || m_gslMinElevation->isChecked();
    options.islPairing = sat::IslPairing(m_islPairing->currentData().toInt());
    options.islShift = options.islPairing == sat::IslPairing::Hypatia ? m_islShift->value() : 0;
}

void SatellitePanel::keepRange(core::Constellation &constellation) const
{
    const double rangeKm = m_gslMaxRange->value();
    constellation.gslMaxRangeKm = rangeKm > 0.0 ? std::optional<double>(rangeKm) : std::nullopt;
    constellation.gslMinElevation = rangeKm <= 0.0 || m_gslMinElevation->isChecked();
}

QString SatellitePanel::islTitle() const
{
    return islTitle(m_islPairing->currentData().toInt(), m_islShift->value());
}

QString SatellitePanel::islTitle(int pairing, int shift)
{
    return pairing == int(sat::IslPairing::Hypatia)
               ? tr("Inter-satellite links (Hypatia's +Grid, shift %1)").arg(shift)
               : tr("Inter-satellite links (+Grid)");
}

void SatellitePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SatellitePanel::retranslate()
{
    const auto setLabel = [](QFormLayout *form, auto *field, const QString &text) {
        if (auto *label = qobject_cast<QLabel *>(form->labelForField(field)))
            label->setText(text);
    };
    m_constellations->setToolTip(tr("Constellation shown on the map"));
    m_walkerButton->setText(tr("Walker…"));
    m_walkerButton->setToolTip(tr("Add a Walker-delta shell T/P/F at an inclination and altitude"));
    m_tleButton->setText(tr("TLE…"));
    m_tleButton->setToolTip(tr("Add the satellites of a two- or three-line element file"));
    m_timeBox->setTitle(tr("Time (UTC)"));
    m_play->setToolTip(isPlaying() ? tr("Pause") : tr("Play"));
    for (int i = 0; i < m_speed->count(); ++i)
        m_speed->setItemText(i, tr("%1 min/step").arg(m_speed->itemData(i).toInt()));
    m_footprints->setText(tr("Footprints"));
    m_tracks->setText(tr("Ground tracks"));
    m_heatMap->setText(tr("Heat map"));

    m_coverageBox->setTitle(tr("Coverage"));
    m_area->setToolTip(tr("A project region, or a box W,S,E,N in degrees"));
    setLabel(m_coverageForm, m_area, tr("Area"));
    m_grid->setSuffix(tr(" °"));
    m_elevation->setSuffix(tr(" °"));
    m_hours->setSuffix(tr(" h"));
    m_step->setSuffix(tr(" s"));
    setLabel(m_coverageForm, m_grid, tr("Grid"));
    setLabel(m_coverageForm, m_elevation, tr("Minimum elevation"));
    m_gslMaxRange->setSpecialValueText(tr("none"));
    m_gslMaxRange->setToolTip(tr("Hypatia's ground-satellite rule: a place links the satellites "
                                 "within this straight-line distance (none: the minimum "
                                 "elevation alone)"));
    m_gslMinElevation->setText(tr("and minimum elevation"));
    m_gslMinElevation->setToolTip(tr("Checked: both limits hold. Unchecked: the range alone, "
                                     "whatever the elevation, as in Hypatia"));
    setLabel(m_coverageForm, m_gslMaxRange, tr("Max slant range (km)"));
    setLabel(m_coverageForm, m_hours, tr("Window"));
    setLabel(m_coverageForm, m_step, tr("Step"));
    m_computeCoverageButton->setText(tr("Compute Coverage"));

    m_chart->graph(0)->setName(tr("Area covered (%)"));
    m_chart->graph(1)->setName(tr("Satellites in view (mean)"));
    m_chart->xAxis->setLabel(tr("Hours from the start"));
    m_chart->yAxis->setLabel(tr("Covered (%)"));
    m_chart->yAxis2->setLabel(tr("In view"));

    m_pathBox->setTitle(tr("Latency between two sites"));
    setLabel(m_pathForm, m_pathFrom, tr("From"));
    setLabel(m_pathForm, m_pathTo, tr("To"));
    m_islPairing->setItemText(0, tr("+Grid"));
    m_islPairing->setItemData(0,
                              tr("nqi's +Grid: each satellite to the same slot in the adjacent "
                                 "planes"),
                              Qt::ToolTipRole);
    m_islPairing->setItemText(1, tr("Hypatia's"));
    m_islPairing->setItemData(1,
                              tr("Hypatia's +Grid: slot j to slot j + shift of the next plane "
                                 "(at least 3 planes of 3)"),
                              Qt::ToolTipRole);
    m_islShift->setToolTip(tr("Hypatia's isl_shift, 0 to the satellites per plane less one"));
    m_shiftLabel->setText(tr("Shift"));
    setLabel(m_pathForm, m_pairingRow, tr("ISL pairing"));
    m_computePathButton->setText(tr("Compute Latency"));
    m_latencyChart->graph(0)->setName(tr("Bent pipe"));
    m_latencyChart->graph(1)->setName(tr("Inter-satellite links"));
    m_latencyChart->graph(2)->setName(tr("Terrestrial fibre"));
    m_latencyChart->xAxis->setLabel(tr("Hours from the start"));
    m_latencyChart->yAxis->setLabel(tr("One-way latency (ms)"));

    // What was computed, said again in the new language.
    rulesChanged();
    showTimeLabel();
    showCoverageSummary();
    showPathSummary();
    m_chart->replot();
    m_latencyChart->replot();
}

void SatellitePanel::rulesChanged()
{
    m_gslMinElevation->setEnabled(m_gslMaxRange->value() > 0.0);
    m_islShift->setEnabled(m_islPairing->currentData().toInt() == int(sat::IslPairing::Hypatia));
    m_isl->setText(islTitle());
}

bool SatellitePanel::runInWorker(const QString &label,
                                 const std::function<void(planners::Progress &)> &work)
{
    core::Diagnostic error;
    switch (runWithProgress(this, label, work, &error)) {
    case RunOutcome::Done:
        return true;
    case RunOutcome::Cancelled:
        Q_EMIT message(tr("%1 cancelled.").arg(label));
        return false;
    case RunOutcome::Failed:
        QMessageBox::warning(this, tr("Satellites"), error.toString());
        return false;
    }
    return false;
}

bool SatellitePanel::computeCoverage()
{
    const core::Constellation *constellation = currentConstellation();
    if (!constellation) {
        QMessageBox::information(this, tr("Coverage"),
                                 tr("Add a constellation first (Walker shell or TLE file)."));
        return false;
    }
    QString problem;
    const std::optional<sat::Area> chosen = area(problem);
    if (!chosen) {
        QMessageBox::warning(this, tr("Coverage"), problem);
        return false;
    }
    sat::PlanOptions options;
    options.constellation = *constellation;
    options.constellation.minElevationDeg = m_elevation->value();
    options.area = chosen;
    options.gridDeg = m_grid->value();
    applyRules(options);
    options.from = m_start->dateTime().toUTC();
    options.to = options.from->addSecs(qint64(m_hours->value() * 3600.0));
    options.stepSeconds = m_step->value();

    sat::PlanResult result;
    if (!runInWorker(tr("Computing coverage…"), [options, &result](planners::Progress &progress) {
            result = sat::plan(options, progress);
        }))
        return false;

    m_coverage = result.coverage;
    m_coverageArea = chosen->name;
    showCoverage();
    return true;
}

void SatellitePanel::setPathEnds(const QString &fromCode, const QString &toCode, bool isl)
{
    for (const auto &[box, code] : {std::pair{m_pathFrom, fromCode}, std::pair{m_pathTo, toCode}})
        if (const core::Site *site = m_document->network().siteByCode(code))
            box->setCurrentIndex(box->findData(site->id));
    m_isl->setChecked(isl);
}

bool SatellitePanel::computePath()
{
    const core::Network &network = m_document->network();
    const core::Constellation *constellation = currentConstellation();
    const core::Site *from = network.site(m_pathFrom->currentData().toLongLong());
    const core::Site *to = network.site(m_pathTo->currentData().toLongLong());
    if (!constellation || !from || !to || from == to) {
        QMessageBox::information(this, tr("Latency"),
                                 tr("Choose a constellation and two different sites."));
        return false;
    }
    sat::PlanOptions options;
    options.constellation = *constellation;
    options.constellation.minElevationDeg = m_elevation->value();
    options.from = m_start->dateTime().toUTC();
    options.to = options.from->addSecs(qint64(m_hours->value() * 3600.0));
    options.stepSeconds = m_step->value();
    options.path =
        std::pair{sat::GroundPoint{from->code, from->latitudeDeg, from->longitudeDeg, 0.0},
                  sat::GroundPoint{to->code, to->latitudeDeg, to->longitudeDeg, 0.0}};
    options.isl = m_isl->isChecked();
    applyRules(options);
    options.fibreMs = sat::fibreLatencyMs(network, from->id, to->id);
    sat::PlanResult result;
    if (!runInWorker(tr("Computing latency…"), [options, &result](planners::Progress &progress) {
            result = sat::plan(options, progress);
        }))
        return false;
    m_path = result.path;
    m_pathEnds = {from->code, to->code};
    m_pathFibreMs = result.fibreMs;
    m_pathIslPairing = m_islPairing->currentData().toInt();
    m_pathIslShift = m_islShift->value();
    showPathSummary();
    const sat::PathResult &p = *m_path;
    QVector<double> hours, bent, isl, fibre;
    QVector<double> bentHours;
    double top = 1.0;
    for (size_t k = 0; k < p.bentPipeMs.size(); ++k) {
        const double h = double(k) * options.stepSeconds / 3600.0;
        hours.append(h);
        if (!std::isnan(p.bentPipeMs[k])) {
            bentHours.append(h);
            bent.append(p.bentPipeMs[k]);
            top = std::max(top, p.bentPipeMs[k]);
        }
        // Gaps in the inter-satellite curve where there is no path.
        isl.append(p.hasIsl ? p.islMs[k] : qQNaN());
        if (p.hasIsl && !std::isnan(p.islMs[k]))
            top = std::max(top, p.islMs[k]);
        fibre.append(result.fibreMs.value_or(qQNaN()));
    }
    if (result.fibreMs)
        top = std::max(top, *result.fibreMs);
    m_latencyChart->graph(0)->setData(bentHours, bent, true);
    m_latencyChart->graph(1)->setData(hours, isl, true);
    m_latencyChart->graph(2)->setData(hours, fibre, true);
    m_latencyChart->xAxis->setRange(0, hours.isEmpty() ? 1.0 : std::max(hours.last(), 0.1));
    m_latencyChart->yAxis->setRange(0, top * 1.15);
    m_latencyChart->replot();
    return true;
}

void SatellitePanel::showPathSummary()
{
    if (!m_path) {
        m_pathSummary->clear();
        return;
    }
    const sat::PathResult &p = *m_path;
    auto stats = [](const sat::LatencyStats &s) {
        return s.availablePercent > 0.0 ? tr("%1 ms mean (%2..%3), available %4 %")
                                              .arg(s.meanMs, 0, 'f', 2)
                                              .arg(s.minMs, 0, 'f', 2)
                                              .arg(s.maxMs, 0, 'f', 2)
                                              .arg(s.availablePercent, 0, 'f', 1)
                                        : tr("no path");
    };
    QString text = tr("%1 to %2, %3 km apart. Bent pipe: %4.")
                       .arg(m_pathEnds.first, m_pathEnds.second)
                       .arg(p.greatCircleKm, 0, 'f', 0)
                       .arg(stats(p.bentPipe));
    if (p.hasIsl)
        text += u' ' + tr("%1: %2.").arg(islTitle(m_pathIslPairing, m_pathIslShift), stats(p.isl));
    text += u' ' + (m_pathFibreMs ? tr("Terrestrial fibre: %1 ms.").arg(*m_pathFibreMs, 0, 'f', 2)
                                  : tr("No terrestrial path."));
    m_pathSummary->setText(text);
}

QString SatellitePanel::pathSummary() const
{
    return m_pathSummary->text();
}

int SatellitePanel::chartPoints() const
{
    return m_chart->graph(0)->dataCount();
}

QString SatellitePanel::summary() const
{
    return m_summary->text();
}

void SatellitePanel::showCoverageSummary()
{
    if (!m_coverage) {
        m_summary->clear();
        return;
    }
    const sat::CoverageResult &c = *m_coverage;
    m_summary->setText(tr("%1: %2 cells, %3 steps. Covered %4 % on average, at least %5 %; "
                          "longest gap %6 s; %7 satellites in view on average, at least %8.")
                           .arg(m_coverageArea)
                           .arg(c.cells)
                           .arg(c.steps)
                           .arg(c.meanPercent, 0, 'f', 2)
                           .arg(c.minPercent, 0, 'f', 2)
                           .arg(c.maxGapSeconds, 0, 'f', 0)
                           .arg(c.meanSatellitesInView, 0, 'f', 2)
                           .arg(c.minSatellitesInView));
}

void SatellitePanel::showCoverage()
{
    m_overlay->setCoverage(m_coverage);
    showCoverageSummary();
    if (!m_coverage)
        return;
    const sat::CoverageResult &c = *m_coverage;
    QVector<double> hours, covered, inView;
    double maxInView = 1.0;
    for (size_t k = 0; k < c.percentByStep.size(); ++k) {
        hours.append(double(k) * m_step->value() / 3600.0);
        covered.append(c.percentByStep[k]);
        inView.append(c.satellitesInViewByStep[k]);
        maxInView = std::max(maxInView, c.satellitesInViewByStep[k]);
    }
    m_chart->graph(0)->setData(hours, covered, true);
    m_chart->graph(1)->setData(hours, inView, true);
    m_chart->xAxis->setRange(0, hours.isEmpty() ? 1.0 : std::max(hours.last(), 0.1));
    m_chart->yAxis2->setRange(0, maxInView * 1.1);
    m_chart->replot();
}

} // namespace nqi::widgets
