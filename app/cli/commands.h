#pragma once

#include <QStringList>
#include <QTextStream>

namespace nqi::cli {

/// Exit codes: 0 success, 1 the command failed (bad input, I/O), 2 wrong usage.
enum ExitCode { Success = 0, Failed = 1, Usage = 2 };

struct Streams
{
    QTextStream &out;
    QTextStream &err;
};

int runInfo(const QStringList &arguments, Streams streams);
int runImport(const QStringList &arguments, Streams streams);
int runExport(const QStringList &arguments, Streams streams);

} // namespace nqi::cli
