#pragma once

#include <QSet>
#include <QString>

namespace nqi::core {

/// Derives unique ASCII site codes from labels in any script ("São Paulo" -> "Sao-Paulo").
class SiteCodeMaker
{
public:
    /// Codes already taken (e.g. by the project being imported into).
    void reserve(const QString &code) { m_taken.insert(code.toLower()); }

    /// A valid, unique code from label; fallback is used when nothing ASCII remains.
    QString make(const QString &label, const QString &fallback);

    static QString asciiCode(const QString &label);

private:
    QSet<QString> m_taken; // compared case-insensitively: codes become hostnames
};

} // namespace nqi::core
