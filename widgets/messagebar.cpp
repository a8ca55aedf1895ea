#include "widgets/messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace nqi::widgets {

namespace {

struct LevelLook
{
    QStyle::StandardPixmap icon;
    const char16_t *background;
    const char16_t *border;
};

LevelLook look(MessageBar::Level level)
{
    switch (level) {
    case MessageBar::Level::Info:
        return {QStyle::SP_MessageBoxInformation, u"#e8f1fb", u"#7aa7d9"};
    case MessageBar::Level::Warning:
        return {QStyle::SP_MessageBoxWarning, u"#fff6dd", u"#e0b44a"};
    case MessageBar::Level::Critical:
        break;
    }
    return {QStyle::SP_MessageBoxCritical, u"#fdecea", u"#d9534f"};
}

} // namespace

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(u"messageBar"_qs);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 2, 4);
    m_icon->setAlignment(Qt::AlignTop);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    m_text->setObjectName(u"messageBarText"_qs);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The dark text of the light backgrounds below, whatever the palette (dark themes too).
    m_text->setStyleSheet(u"color: #202020;"_qs);
    layout->addWidget(m_text, 1);
    m_close->setObjectName(u"messageBarClose"_qs);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    m_close->setAccessibleName(tr("Close the message"));
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, [this] {
        clear();
        Q_EMIT dismissed();
    });
    hide();
}

void MessageBar::showMessage(const QString &text, Level level)
{
    m_level = level;
    const LevelLook chosen = look(level);
    const int side = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(chosen.icon, nullptr, this).pixmap(side, side));
    // Selected by class: the object name is the owner's to choose.
    setStyleSheet(u"nqi--widgets--MessageBar { background: %1; border: 1px solid %2;"
                  " border-radius: 3px; }"_qs.arg(QString::fromUtf16(chosen.background),
                                                  QString::fromUtf16(chosen.border)));
    m_text->setText(text);
    setAccessibleDescription(text);
    show();
}

void MessageBar::clear()
{
    m_text->clear();
    hide();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

} // namespace nqi::widgets
