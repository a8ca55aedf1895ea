// Read by update.sh (lupdate), never compiled. widgets/commands.cpp names its undo commands
// through a helper, translate(text), whose argument lupdate cannot read, so its texts are
// listed here in its context. Keep them as widgets/commands.cpp writes them; once that file
// marks each text in place (translate(QT_TRANSLATE_NOOP("nqi::widgets::Commands", "...")))
// this file and its line in update.sh go.
#pragma once

#include <QtGlobal>

inline const char *const kNqiCommandTexts[] = {
    QT_TRANSLATE_NOOP("nqi::widgets::Commands", "cannot be undone: %1"),
    QT_TRANSLATE_NOOP("nqi::widgets::Commands", "undo would not restore the project as it was"),
    QT_TRANSLATE_NOOP("nqi::widgets::Commands", "Add Site %1"),
    QT_TRANSLATE_NOOP("nqi::widgets::Commands", "Add Link %1-%2"),
    QT_TRANSLATE_NOOP("nqi::widgets::Commands", "Add Demand %1 to %2"),
    QT_TRANSLATE_NOOP("nqi::widgets::Commands", "Draw Region %1"),
    QT_TRANSLATE_NOOP("nqi::widgets::Commands", "Add Constellation %1"),
    QT_TRANSLATE_NOOP("nqi::widgets::Commands", "Remove Site %1"),
    QT_TRANSLATE_NOOP("nqi::widgets::Commands", "Remove Site %1 and its %2"),
    QT_TRANSLATE_NOOP("nqi::widgets::Commands", "%1, %2"),
};
