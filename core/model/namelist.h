#pragma once

#include <QString>
#include <QStringList>

namespace nqi::core {

/// Lists of names in one text field (SRLGs, allowed regions): separated by ';', each trimmed,
/// empty names dropped. The same rule for files, the project store and the inspector.
QStringList splitNameList(const QString &text);
QString joinNameList(const QStringList &names);

} // namespace nqi::core
