#include "core/io/sitecodes.h"

namespace nqi::core {

QString SiteCodeMaker::asciiCode(const QString &label)
{
    // Decompose accents (é -> e + combining mark), keep ASCII letters and digits, and turn every
    // other run of characters into one '-'.
    const QString decomposed = label.normalized(QString::NormalizationForm_KD);
    QString code;
    bool pendingDash = false;
    for (const QChar c : decomposed) {
        const char16_t u = c.unicode();
        const bool alnum =
            (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
        if (alnum) {
            if (pendingDash && !code.isEmpty())
                code += u'-';
            pendingDash = false;
            code += c;
        } else if (c.category() != QChar::Mark_NonSpacing) {
            pendingDash = true;
        }
    }
    return code.left(40);
}

QString SiteCodeMaker::make(const QString &label, const QString &fallback)
{
    QString base = asciiCode(label);
    if (base.isEmpty())
        base = fallback;
    while (base.endsWith(u'-'))
        base.chop(1);
    QString code = base;
    for (int suffix = 2; m_taken.contains(code.toLower()); ++suffix)
        code = base + u'-' + QString::number(suffix);
    m_taken.insert(code.toLower());
    return code;
}

} // namespace nqi::core
