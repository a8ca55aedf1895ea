#include "core/model/namelist.h"

namespace nqi::core {

QStringList splitNameList(const QString &text)
{
    QStringList names;
    for (const QString &item : text.split(u';', Qt::SkipEmptyParts)) {
        const QString trimmed = item.trimmed();
        if (!trimmed.isEmpty())
            names << trimmed;
    }
    return names;
}

QString joinNameList(const QStringList &names)
{
    return names.join(u';');
}

} // namespace nqi::core
