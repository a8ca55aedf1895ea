#pragma once

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

/// The words of an HTML page (a report), its markup taken out, on one line: what tests look for
/// text in.
inline QString htmlText(const QByteArray &html)
{
    QString text = QString::fromUtf8(html);
    text.replace(QRegularExpression(u"<[^>]*>"_qs), u" "_qs);
    return text.simplified();
}
