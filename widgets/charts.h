#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <functional>

class QCustomPlot;

namespace nqi::widgets {

/**
 * Adds two bar sets of the rows' @p first and @p second values (times @p scale: 100 for a
 * fraction in percent), the second behind and wider, rows sorted by the second, largest first.
 * The names label the legend; axes and legend are the caller's.
 */
void addPairBars(QCustomPlot &plot,
                 const QJsonArray &rows,
                 const QString &first,
                 const QString &second,
                 double scale,
                 const QString &firstName,
                 const QString &secondName);

/**
 * Adds the cumulative distribution of the rows' @p field and, when @p secondField is given and
 * the rows hold it, of that field too. Returns the number of curves (1 or 2).
 */
int addCdf(QCustomPlot &plot,
           const QJsonArray &rows,
           const QString &field,
           const QString &secondField,
           const QString &name,
           const QString &secondName);

/**
 * Draws chart @p index of the planner of the result under @p key (its descriptor's charts) on
 * @p plot, cleared first: axes, labels, legend and ranges, in @p language ("zh...": Chinese, else
 * English), as the Results dock and the report show it. A chart of pairs shows at most
 * @p rowsAtMost rows when given (the largest), saying so on its axis. Works in any thread.
 * Returns whether there was anything to draw; the caller replots or renders.
 */
bool drawResultChart(QCustomPlot &plot,
                     const QString &key,
                     int index,
                     const QJsonObject &json,
                     const QString &language,
                     int rowsAtMost = 0);

} // namespace nqi::widgets
