#pragma once

#include "core/model/kinds.h"

#include <QColor>
#include <QList>
#include <QRect>
#include <QString>
#include <QStringList>

class QFont;
class QFontMetrics;
class QPainter;

/// The legends and the scale bar drawn over a map, the same for the map canvas and for map
/// images (widgets::MapImage): plain functions of a painter, a font and viewport pixels, for any
/// thread.
namespace nqi::widgets::maplegend {

/// The legends' texts; by default in the interface's language (the map canvas's translations).
struct Texts
{
    QString sites;
    QStringList utilizationSteps; ///< below 50%, 50-70%, 70-80%, 80-100%, over 100%
    static Texts interface();
};

/// The colour ramp of the utilisation legend (1.0 = full).
QColor utilizationColour(double utilization);
/// The utilisation legend's rows: a utilisation in each colour's range.
QList<double> utilizationStepValues();
/// Top right, the links' colouring (null without a title); viewport pixels.
QRect utilizationRect(const QFontMetrics &metrics,
                      const QRect &view,
                      const QString &title,
                      const Texts &texts);
/// Bottom right, the site kinds (null without kinds).
QRect siteKindRect(const QFontMetrics &metrics,
                   const QRect &view,
                   const QList<core::SiteKind> &kinds,
                   const Texts &texts);
/// The legends that are shown (utilisation, site kinds), in viewport pixels.
QList<QRect> legendRects(const QFontMetrics &metrics,
                         const QRect &view,
                         const QString &utilizationTitle,
                         const QList<core::SiteKind> &kinds,
                         const Texts &texts);
/// The scale bar at its widest, bottom left.
QRect scaleBarRect(const QRect &view);
/// Draws the legends: the utilisation legend when it has a title, the site kinds when there are.
void draw(QPainter &painter,
          const QRect &view,
          const QFont &font,
          const QString &utilizationTitle,
          const QList<core::SiteKind> &kinds,
          const Texts &texts);
/// The largest 1/2/5 x 10^n length that fits in 120 px, with its label.
void drawScaleBar(QPainter &painter, const QRect &view, double metresPerPixel);

} // namespace nqi::widgets::maplegend
