#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace nqi::widgets {

/**
 * A message above a form, as QGIS's message bar: its level's icon and colour, the text and a
 * close button. The text is always plain text (names in it come from the user's files and are
 * never read as markup). It stays until the user closes it or the form clears it.
 */
class MessageBar : public QFrame
{
    Q_OBJECT

public:
    enum class Level { Info, Warning, Critical };

    explicit MessageBar(QWidget *parent = nullptr);

    /// Shows the text at the level, replacing what was shown.
    void showMessage(const QString &text, Level level);
    /// Hides the bar (without dismissed()).
    void clear();

    QString text() const;
    Level level() const { return m_level; }

Q_SIGNALS:
    /// The user closed the bar.
    void dismissed();

private:
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    Level m_level = Level::Info;
};

} // namespace nqi::widgets
