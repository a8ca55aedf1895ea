#include "widgets/maplegend.h"

#include "widgets/kindnames.h"
#include "widgets/siteitem.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace nqi::widgets::maplegend {

using core::SiteKind;

namespace {

constexpr int kLegendIconPx = 16;

// The legends speak in the map canvas's translation context: lupdate files these strings under
// "MapCanvas" (resources/translations/update.sh qualifies that name around its run), the
// program asks for them under nqi::widgets::MapCanvas.
const char *const kSites = QT_TRANSLATE_NOOP("MapCanvas", "Sites");
const char *const kSteps[] = {
    QT_TRANSLATE_NOOP("MapCanvas", "below 50%"), QT_TRANSLATE_NOOP("MapCanvas", "50–70%"),
    QT_TRANSLATE_NOOP("MapCanvas", "70–80%"), QT_TRANSLATE_NOOP("MapCanvas", "80–100%"),
    QT_TRANSLATE_NOOP("MapCanvas", "over 100%")};
const char *const kKilometres = QT_TRANSLATE_NOOP("MapCanvas", "%1 km");
const char *const kMetres = QT_TRANSLATE_NOOP("MapCanvas", "%1 m");

QString canvasText(const char *text)
{
    return QCoreApplication::translate("nqi::widgets::MapCanvas", text);
}

int legendLineHeight(const QFontMetrics &metrics)
{
    return std::max(metrics.height() + 4, kLegendIconPx + 3);
}

} // namespace

Texts Texts::interface()
{
    Texts texts{canvasText(kSites), {}};
    for (const char *step : kSteps)
        texts.utilizationSteps << canvasText(step);
    return texts;
}

QColor utilizationColour(double utilization)
{
    // Green below 50%, yellow to 70%, orange to 80%, red to 100%, purple above.
    if (utilization < 0.5)
        return QColor(46, 125, 50);
    if (utilization < 0.7)
        return QColor(249, 168, 37);
    if (utilization < 0.8)
        return QColor(239, 108, 0);
    if (utilization <= 1.0)
        return QColor(211, 47, 47);
    return QColor(106, 0, 80);
}

QList<double> utilizationStepValues()
{
    return {0.0, 0.6, 0.75, 0.9, 1.5};
}

QRect utilizationRect(const QFontMetrics &metrics,
                      const QRect &view,
                      const QString &title,
                      const Texts &texts)
{
    if (title.isEmpty())
        return {};
    int width = metrics.horizontalAdvance(title);
    for (const QString &step : texts.utilizationSteps)
        width = std::max(width, 34 + metrics.horizontalAdvance(step));
    return {view.right() - width - 30, view.top() + 12, width + 20,
            legendLineHeight(metrics) * int(texts.utilizationSteps.size() + 1) + 10};
}

QRect siteKindRect(const QFontMetrics &metrics,
                   const QRect &view,
                   const QList<SiteKind> &kinds,
                   const Texts &texts)
{
    if (kinds.isEmpty())
        return {};
    int width = metrics.horizontalAdvance(texts.sites);
    for (const SiteKind kind : kinds)
        width = std::max(width, kLegendIconPx + 8 + metrics.horizontalAdvance(siteKindTitle(kind)));
    const int height = legendLineHeight(metrics) * int(kinds.size() + 1) + 10;
    return {view.right() - width - 30, view.bottom() - height - 12, width + 20, height};
}

QList<QRect> legendRects(const QFontMetrics &metrics,
                         const QRect &view,
                         const QString &utilizationTitle,
                         const QList<SiteKind> &kinds,
                         const Texts &texts)
{
    QList<QRect> rects;
    for (const QRect &legend : {utilizationRect(metrics, view, utilizationTitle, texts),
                                siteKindRect(metrics, view, kinds, texts)})
        if (!legend.isNull())
            rects << legend;
    return rects;
}

QRect scaleBarRect(const QRect &view)
{
    return {view.left() + 10, view.bottom() - 40, 132, 30};
}

void draw(QPainter &painter,
          const QRect &view,
          const QFont &font,
          const QString &utilizationTitle,
          const QList<SiteKind> &kinds,
          const Texts &texts)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(font);
    const QFontMetrics metrics(font);
    const int lineHeight = legendLineHeight(metrics);
    auto frame = [&](const QRect &box, const QString &title) {
        painter.setPen(QColor(160, 160, 160));
        painter.setBrush(QColor(255, 255, 255, 225));
        painter.drawRoundedRect(box, 6, 6);
        painter.setPen(QColor(30, 30, 30));
        painter.drawText(QRect(box.left() + 10, box.top() + 5, box.width() - 20, lineHeight),
                         Qt::AlignVCenter, title);
    };
    if (const QRect box = utilizationRect(metrics, view, utilizationTitle, texts); !box.isNull()) {
        frame(box, utilizationTitle);
        const QList<double> values = utilizationStepValues();
        for (qsizetype i = 0; i < texts.utilizationSteps.size() && i < values.size(); ++i) {
            const int y = box.top() + 5 + lineHeight * int(i + 1);
            painter.setPen(QPen(utilizationColour(values[i]), 4));
            painter.drawLine(box.left() + 10, y + lineHeight / 2, box.left() + 34,
                             y + lineHeight / 2);
            painter.setPen(QColor(30, 30, 30));
            painter.drawText(QRect(box.left() + 40, y, box.width() - 50, lineHeight),
                             Qt::AlignVCenter, texts.utilizationSteps[i]);
        }
    }
    if (const QRect box = siteKindRect(metrics, view, kinds, texts); !box.isNull()) {
        frame(box, texts.sites);
        const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
        for (qsizetype i = 0; i < kinds.size(); ++i) {
            const int y = box.top() + 5 + lineHeight * int(i + 1);
            // The image form of the icon: pixmaps belong to the GUI thread.
            painter.drawImage(QRectF(box.left() + 10, y + (lineHeight - kLegendIconPx) / 2,
                                     kLegendIconPx, kLegendIconPx),
                              SiteItem::iconImage(kinds[i], kLegendIconPx, dpr));
            painter.drawText(QRect(box.left() + 18 + kLegendIconPx, y,
                                   box.width() - 28 - kLegendIconPx, lineHeight),
                             Qt::AlignVCenter, siteKindTitle(kinds[i]));
        }
    }
    painter.restore();
}

void drawScaleBar(QPainter &painter, const QRect &view, double metresPerPixel)
{
    if (!(metresPerPixel > 0) || !std::isfinite(metresPerPixel))
        return;
    const double maxMetres = 120 * metresPerPixel;
    const double magnitude = std::pow(10.0, std::floor(std::log10(maxMetres)));
    double metres = magnitude;
    for (double factor : {5.0, 2.0, 1.0}) {
        if (factor * magnitude <= maxMetres) {
            metres = factor * magnitude;
            break;
        }
    }
    const int pixels = int(std::round(metres / metresPerPixel));
    const QString text = metres >= 1000 ? canvasText(kKilometres).arg(metres / 1000)
                                        : canvasText(kMetres).arg(metres);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QPoint origin(view.left() + 16, view.bottom() - 18);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 200));
    painter.drawRect(QRect(origin.x() - 6, origin.y() - 22, pixels + 12, 30));
    painter.setPen(QPen(QColor(40, 40, 40), 2));
    painter.drawLine(origin, origin + QPoint(pixels, 0));
    painter.drawLine(origin, origin + QPoint(0, -6));
    painter.drawLine(origin + QPoint(pixels, 0), origin + QPoint(pixels, -6));
    painter.drawText(QRect(origin.x(), origin.y() - 22, pixels, 16), Qt::AlignCenter, text);
    painter.restore();
}

} // namespace nqi::widgets::maplegend
