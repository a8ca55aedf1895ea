#pragma once

#include "widgets/maptools/maptool.h"

#include <optional>

class QGraphicsPathItem;

namespace nqi::widgets {

class MeasureLabelItem;

/**
 * Measures the geodesic between two clicks. While measuring, and after the second click until
 * the next measurement, Esc or another tool, the map shows the geodesic and a label with its
 * length and the one-way latency of a fibre along it (at the project's route factor).
 */
class MeasureTool : public MapTool
{
    Q_OBJECT

public:
    explicit MeasureTool(MapCanvas *canvas);
    ~MeasureTool() override;

    void cancel() override;
    bool mousePressed(QMouseEvent *event, const QPointF &scenePos) override;
    bool mouseMoved(QMouseEvent *event, const QPointF &scenePos) override;
    QString statusText() const override;

    /// The line on the map (scene coordinates), nullptr when there is none.
    const QGraphicsPathItem *lineItem() const { return m_line; }
    /// The label's text, empty when there is none.
    QString labelText() const;
    bool isMeasuring() const { return m_start && !m_finished; }

Q_SIGNALS:
    /// The second click: the geodesic's length and light's time along it in fibre.
    void measured(double distanceKm, double fibreLatencyMs);

private:
    /// Draws the geodesic from the start to @p end; returns its length in km.
    double update(const QPointF &end);

    std::optional<QPointF> m_start; // scene
    bool m_finished = false;
    QGraphicsPathItem *m_line = nullptr;
    MeasureLabelItem *m_label = nullptr;
};

} // namespace nqi::widgets
