#pragma once

#include <QJsonArray>
#include <QString>

class QCustomPlot;

namespace nqi::widgets {

/**
 * Adds to @p plot the resilience planner's links (its "links" array) as two bar sets, worst-case
 * over normal utilisation in percent, links sorted by worst case; the Results dock and reports
 * draw the same chart. The names label the legend; axes and legend are the caller's.
 */
void addUtilisationBars(QCustomPlot &plot, const QJsonArray &links, const QString &worstName,
                        const QString &normalName);

} // namespace nqi::widgets
