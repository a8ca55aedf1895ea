#pragma once

#include "planners/descriptor.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace nqi::widgets::resultformat {

/**
 * How a planner result's values read in a language, as its descriptor's Format says: one text
 * for a table cell, a headline figure or a CSV field, shared by the report and the Results dock.
 * Numbers are written in the English way in both languages (Chinese writes them alike):
 * "1,234.5", "93.1 %", ids without group separators. Takes its language explicitly ("zh...":
 * Chinese, else English), so it works in any thread and without an installed translator.
 */

/// The value at a dotted path ("te.maxUtilization"); Undefined when a part is missing.
QJsonValue valueAt(const QJsonValue &root, const QString &path);

/// How many the rows of @p table list a part of (TableDescriptor::total) in @p result, when
/// that is more than its rows (N-2's cuts: the severest link pairs only); else 0: they are all.
qint64 listedOf(const planners::TableDescriptor &table, const QJsonValue &result);

/// The value of a column in a row: the field, or its element when the column shows one.
QJsonValue cellValue(const QJsonObject &row, const planners::ColumnDescriptor &column);

/// A failure scenario as the resilience planner names it ("normal", "link 7 A-B", "links 7+9",
/// "site A", "srlg X") in a language, on one line.
QString scenarioText(const QString &stored, const QString &language);

/// A number as figures and tables print it, with group separators: 1 decimal from 100 up
/// ("1,234.5"), 2 from 1 up, 3 below; none when it rounds to a whole number ("800"); a fraction
/// that would round to 0 or 1 keeps its digits (an availability of 0.99995).
QString numberText(double value);

/// A fraction as a percentage, one decimal: "93.1 %".
QString percentText(double fraction);

/// A value shown as format says; empty for a missing or null value. itemsShown caps the
/// entries of a List or Scenarios value, the rest counted ("… (+40)"); 0 shows all.
QString
text(const QJsonValue &value, planners::Format format, const QString &language, int itemsShown = 0);

/// Whether a format's text is a number (right-aligned in tables).
bool isNumeric(planners::Format format);

/// What orders rows by a column, larger first: the number, the fraction, true before false,
/// the first scenario's utilisation; -infinity for a missing value (last).
double sortValue(const QJsonValue &value, planners::Format format);

/// A descriptor's text with {field} replaced by the result's field: "Cost ({currency})" reads
/// "Cost (EUR)".
QString withFields(QString text, const QJsonObject &result);

} // namespace nqi::widgets::resultformat
