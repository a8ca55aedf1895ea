#include "widgets/maptools/measuretool.h"

#include "core/geo/geodesy.h"
#include "core/model/physics.h"
#include "widgets/document.h"
#include "widgets/mapcanvas.h"
#include "widgets/maptransform.h"

#include <QFontMetricsF>
#include <QGraphicsPathItem>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace nqi::widgets {

using namespace nqi::core;

namespace {
const QColor kMeasureColour(198, 40, 40);
}

/// The measurement's text at a constant screen size, on a white box above its point.
class MeasureLabelItem : public QGraphicsItem
{
public:
    MeasureLabelItem()
    {
        setFlag(ItemIgnoresTransformations);
        setZValue(101);
    }

    const QString &text() const { return m_text; }
    void setText(const QString &text)
    {
        prepareGeometryChange();
        m_text = text;
    }

    QRectF boundingRect() const override
    {
        const QSizeF size = QFontMetricsF(QFont())
                                .boundingRect(QRectF(0, 0, 600, 200), Qt::AlignCenter, m_text)
                                .size();
        // Centred 12 px above the point it labels.
        return QRectF(-size.width() / 2 - 6, -size.height() - 12 - 8, size.width() + 12,
                      size.height() + 8);
    }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        const QRectF box = boundingRect();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(kMeasureColour, 1));
        painter->setBrush(QColor(255, 255, 255, 235));
        painter->drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
        painter->setPen(QColor(30, 30, 30));
        painter->setFont(QFont());
        painter->drawText(box, Qt::AlignCenter, m_text);
    }

private:
    QString m_text;
};

namespace {

/// The measured geodesic: dashed, over a white halo so it shows on any basemap colour.
class MeasureLineItem : public QGraphicsPathItem
{
public:
    MeasureLineItem() { setZValue(100); }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        painter->setRenderHint(QPainter::Antialiasing);
        QPen halo(QColor(255, 255, 255, 200), 4.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        halo.setCosmetic(true);
        painter->setPen(halo);
        painter->drawPath(path());
        QPen line(kMeasureColour, 2.0, Qt::DashLine, Qt::FlatCap, Qt::RoundJoin);
        line.setCosmetic(true);
        painter->setPen(line);
        painter->drawPath(path());
    }

    QRectF boundingRect() const override
    {
        // A few pixels for the pen at any zoom: the view's scale is in the scene's units.
        const qreal margin = 6.0 * pixelSize();
        return path().controlPointRect().adjusted(-margin, -margin, margin, margin);
    }

private:
    qreal pixelSize() const
    {
        const QList<QGraphicsView *> views = scene() ? scene()->views() : QList<QGraphicsView *>();
        return views.isEmpty() ? 1.0 : 1.0 / views.constFirst()->transform().m11();
    }
};

} // namespace

MeasureTool::MeasureTool(MapCanvas *canvas)
    : MapTool(canvas)
{
}

MeasureTool::~MeasureTool() = default;

void MeasureTool::cancel()
{
    m_start.reset();
    m_finished = false;
    delete m_line;
    m_line = nullptr;
    delete m_label;
    m_label = nullptr;
}

QString MeasureTool::labelText() const
{
    return m_label ? m_label->text() : QString();
}

bool MeasureTool::mousePressed(QMouseEvent *, const QPointF &scenePos)
{
    if (isMeasuring()) {
        const double km = update(scenePos);
        m_finished = true;
        Q_EMIT measured(km, physics::fibreLatencyMs(km));
        return true;
    }
    cancel(); // the next measurement replaces the last
    m_start = scenePos;
    m_line = new MeasureLineItem;
    m_label = new MeasureLabelItem;
    canvas()->scene()->addItem(m_line);
    canvas()->scene()->addItem(m_label);
    update(scenePos);
    return true;
}

bool MeasureTool::mouseMoved(QMouseEvent *, const QPointF &scenePos)
{
    if (isMeasuring())
        update(scenePos);
    return false;
}

double MeasureTool::update(const QPointF &end)
{
    const LatLon a = mercator::fromScene(*m_start);
    const LatLon b = mercator::fromScene(end);
    const double km =
        geo::geodesicDistanceKm(a.latitudeDeg, a.longitudeDeg, b.latitudeDeg, b.longitudeDeg);
    // Points every 1/64 of the way at most (and every 25 km at most): smooth at every zoom.
    const QList<LatLon> points =
        geo::geodesicPath(a.latitudeDeg, a.longitudeDeg, b.latitudeDeg, b.longitudeDeg,
                          std::clamp(km / 64.0, 0.01, 25.0));
    QPainterPath path(*m_start);
    for (qsizetype i = 1; i < points.size(); ++i)
        path.lineTo(mercator::toScene(points[i]));
    m_line->setPath(path);

    const double routeFactor = document()->network().settings().routeFactor;
    const double fibreKm = km * routeFactor;
    m_label->setText(tr("%L1 km geodesic\nfibre ×%2: %L3 km, %L4 ms one way")
                         .arg(km, 0, 'f', km < 10 ? 2 : 1)
                         .arg(routeFactor)
                         .arg(fibreKm, 0, 'f', fibreKm < 10 ? 2 : 1)
                         .arg(physics::fibreLatencyMs(fibreKm), 0, 'f', 2));
    m_label->setPos(mercator::toScene(points.value(points.size() / 2)));
    return km;
}

QString MeasureTool::statusText() const
{
    return isMeasuring() ? tr("Click the other end of the measurement; Esc clears it.")
                         : tr("Click two points to measure the geodesic between them.");
}

} // namespace nqi::widgets
