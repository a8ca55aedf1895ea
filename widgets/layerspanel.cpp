#include "widgets/layerspanel.h"

#include "core/io/vectorfile.h"
#include "core/model/diagnostic.h"
#include "widgets/basemap.h"
#include "widgets/mapcanvas.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

namespace nqi {
namespace widgets {

LayersPanel::LayersPanel(MapCanvas *canvas, QWidget *parent)
    : QWidget(parent)
    , m_canvas(canvas)
    , m_list(new QListWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    auto addToggle = [&](const QString &text, bool on, void (MapCanvas::*apply)(bool)) {
        auto *box = new QCheckBox(text, this);
        box->setChecked(on);
        connect(box, &QCheckBox::toggled, canvas, apply);
        layout->addWidget(box);
    };
    addToggle(tr("Site labels"), true, &MapCanvas::setLabelsVisible);
    addToggle(tr("Provinces and states"), true, &MapCanvas::setProvincesVisible);
    addToggle(tr("Basemap (countries)"), true, &MapCanvas::setBasemapVisible);
    addToggle(tr("Demands as flow lines"), false, &MapCanvas::setDemandsVisible);
    addToggle(tr("Graticule"), false, &MapCanvas::setGraticuleVisible);

    auto *title = new QLabel(tr("Layers over the basemap (top of the list on top):"), this);
    title->setWordWrap(true);
    layout->addWidget(title);
    m_list->setMinimumHeight(80);
    layout->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    auto button = [&](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, slot);
        buttons->addWidget(b);
        return b;
    };
    Basemap *basemap = canvas->basemap();
    button(u"+"_qs, tr("Add a layer from any vector file GDAL reads"), &LayersPanel::addDialog);
    button(u"−"_qs, tr("Remove the selected layer"), [this, basemap] {
        basemap->removeOverlay(basemap->overlays().size() - 1 - m_list->currentRow());
    });
    button(u"▲"_qs, tr("Draw the selected layer higher"), [this, basemap] {
        const int row = m_list->currentRow();
        basemap->moveOverlay(basemap->overlays().size() - 1 - row, +1);
        m_list->setCurrentRow(std::max(0, row - 1));
    });
    button(u"▼"_qs, tr("Draw the selected layer lower"), [this, basemap] {
        const int row = m_list->currentRow();
        basemap->moveOverlay(basemap->overlays().size() - 1 - row, -1);
        m_list->setCurrentRow(std::min(m_list->count() - 1, row + 1));
    });
    button(tr("Style…"), tr("Colour, opacity and line width of the selected layer"),
           &LayersPanel::styleCurrent);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    auto *source = new QLabel(this);
    source->setWordWrap(true);
    source->setStyleSheet(u"color: palette(mid);"_qs);
    const QString path = Basemap::defaultPath();
    source->setText(path.isEmpty() ? tr("No basemap found.")
                                   : tr("Basemap: %1 (Natural Earth, public domain)").arg(path));
    layout->addWidget(source);

    connect(basemap, &Basemap::overlaysChanged, this, &LayersPanel::refresh);
    connect(m_list, &QListWidget::itemChanged, this, [this, basemap](QListWidgetItem *item) {
        if (m_refreshing)
            return;
        basemap->setOverlayVisible(basemap->overlays().size() - 1 - m_list->row(item),
                                   item->checkState() == Qt::Checked);
    });
    connect(m_list, &QListWidget::itemDoubleClicked, this, &LayersPanel::styleCurrent);
}

void LayersPanel::refresh()
{
    m_refreshing = true;
    const int current = m_list->currentRow();
    m_list->clear();
    const QList<Overlay> &overlays = m_canvas->basemap()->overlays();
    for (auto it = overlays.crbegin(); it != overlays.crend(); ++it) {
        QPixmap swatch(14, 14);
        swatch.fill(Qt::transparent);
        {
            QPainter painter(&swatch);
            painter.setOpacity(it->opacity);
            painter.fillRect(QRect(1, 1, 12, 12), it->colour);
        }
        auto *item = new QListWidgetItem(
            QIcon(swatch), it->loading ? tr("%1 (loading…)").arg(it->title) : it->title, m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(it->visible ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(it->path);
    }
    m_list->setCurrentRow(std::min(current, m_list->count() - 1));
    m_refreshing = false;
}

void LayersPanel::addDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Add Layer"), settings.value(u"paths/layers"_qs).toString(),
        tr("Vector data (*.gpkg *.shp *.geojson *.json *.kml *.fgb *.gml *.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(u"paths/layers"_qs, QFileInfo(path).absolutePath());
    addLayerFromFile(path);
}

void LayersPanel::addLayerFromFile(const QString &path)
{
    QStringList layers;
    try {
        layers = core::VectorFile::layerNames(path);
    } catch (const core::Failure &failure) {
        QMessageBox::warning(this, tr("Cannot add layer"), failure.diagnostic().toString());
        return;
    }
    if (layers.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot add layer"),
                             tr("%1 holds no layer with geometries.").arg(path));
        return;
    }
    QString layer = layers.constFirst();
    if (layers.size() > 1) {
        bool ok = false;
        layer = QInputDialog::getItem(this, tr("Add Layer"), tr("Layer of %1:").arg(path), layers,
                                      0, false, &ok);
        if (!ok)
            return;
    }
    m_canvas->basemap()->addOverlay(path, layer);
}

void LayersPanel::styleCurrent()
{
    Basemap *basemap = m_canvas->basemap();
    const qsizetype index = basemap->overlays().size() - 1 - m_list->currentRow();
    if (m_list->currentRow() < 0 || index < 0)
        return;
    const Overlay &overlay = basemap->overlays()[index];
    QColor initial = overlay.colour;
    initial.setAlphaF(overlay.opacity);
    const QColor colour =
        QColorDialog::getColor(initial, this, tr("Colour and opacity of %1").arg(overlay.title),
                               QColorDialog::ShowAlphaChannel);
    if (!colour.isValid())
        return;
    bool ok = false;
    const double width = QInputDialog::getDouble(
        this, tr("Line width"), tr("Line width in pixels:"), overlay.widthPx, 0.2, 12.0, 1, &ok);
    if (!ok)
        return;
    QColor opaque = colour;
    opaque.setAlpha(255);
    basemap->setOverlayStyle(index, opaque, width, colour.alphaF());
}

} // namespace widgets
} // namespace nqi
