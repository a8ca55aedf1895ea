#pragma once

#include <QJsonArray>
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
 * Adds to @p plot the resilience planner's links (its "links" array) as two bar sets, worst-case
 * over normal utilisation in percent, links sorted by worst case; the Results dock and reports
 * draw the same chart. The names label the legend; axes and legend are the caller's.
 */
void addUtilisationBars(QCustomPlot &plot,
                        const QJsonArray &links,
                        const QString &worstName,
                        const QString &normalName);

/**
 * Adds the cumulative distribution of the demands' one-way latency (a "demands" array of the
 * route or latency planner): over IGP paths, and over the fastest paths when the demands carry
 * them. Returns the number of curves (1 or 2). Axes and legend are the caller's.
 */
int addLatencyCdf(QCustomPlot &plot,
                  const QJsonArray &demands,
                  const QString &igpName,
                  const QString &fastestName);

/**
 * Adds bars of the traffic each failure cuts off (the resilience planner's "disconnected"),
 * the @p count failures that cut the most, labelled on the x axis by @p scenarioName of the
 * planner's scenario name. Returns the number of bars.
 */
int addTrafficCutBars(QCustomPlot &plot,
                      const QJsonArray &disconnected,
                      int count,
                      const QString &name,
                      const std::function<QString(const QString &)> &scenarioName);

} // namespace nqi::widgets
