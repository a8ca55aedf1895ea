#pragma once

#include "core/model/diagnostic.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace nqi::core {

/**
 * Parses text that must hold a JSON object (a site's attributes). On anything else returns an
 * empty object and sets problem to what is wrong: "is not valid JSON: unterminated object at
 * character 7", or "is a JSON array, not an object: write {"name": value, ...}".
 */
inline QJsonObject jsonObject(const QString &text, QString &problem)
{
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        problem = u"\"%1\" is not valid JSON: %2 at character %3"_qs
                      .arg(excerpt(text), error.errorString())
                      .arg(error.offset + 1);
        return {};
    }
    if (!json.isObject()) {
        const char16_t *what = json.isArray() ? u"an array" : u"a single value";
        problem = u"\"%1\" is %2 in JSON, not an object: write {\"name\": value, ...}"_qs.arg(
            excerpt(text), QStringView(what));
        return {};
    }
    problem.clear();
    return json.object();
}

} // namespace nqi::core
