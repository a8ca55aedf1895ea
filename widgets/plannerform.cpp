#include "widgets/plannerform.h"

#include "widgets/kindnames.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QAbstractSpinBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace nqi::widgets {
namespace {

using OType = planners::OptionDescriptor::Type;

// A value as the command line writes it ("1,5,20", "100:1,400:3").
QString optionText(const QJsonValue &value)
{
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &element : value.toArray())
            parts << optionText(element);
        return parts.join(u',');
    }
    if (value.isObject()) {
        // A rate and its price ("GBPS:COST"): the rate first, whatever the keys' order.
        const QJsonObject object = value.toObject();
        QStringList parts{optionText(object.value(u"gbps"_qs))};
        for (auto it = object.begin(); it != object.end(); ++it)
            if (it.key() != u"gbps")
                parts << optionText(it.value());
        return parts.join(u':');
    }
    if (value.isDouble())
        return QString::number(value.toDouble());
    return value.toString();
}

double bounded(double value)
{
    return std::isfinite(value) ? value : std::copysign(1e12, value);
}

} // namespace

PlannerForm::PlannerForm(const planners::PlannerDescriptor &planner,
                         const core::Network *network,
                         const QJsonObject &initial,
                         QWidget *parent)
    : QDialog(parent)
    , m_planner(planner)
    , m_network(network)
    , m_problemLabel(new QLabel(this))
{
    const QString language = interfaceLanguage();
    setObjectName(u"PlannerForm_"_qs + planner.name);
    setWindowTitle(planner.title.in(language));
    auto *layout = new QVBoxLayout(this);
    auto *description = new QLabel(planner.description.in(language), this);
    description->setWordWrap(true);
    layout->addWidget(description);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    auto *advanced = new QGroupBox(tr("Advanced"), this);
    auto *advancedForm = new QFormLayout(advanced);

    for (const planners::OptionDescriptor &option : planner.options) {
        const QJsonValue start =
            initial.contains(option.key) ? initial.value(option.key) : option.defaultValue;
        if (network && option.withoutProject) {
            if (initial.contains(option.key))
                m_hidden.insert(option.key, initial.value(option.key));
            continue;
        }
        Field field;
        field.option = &option;
        const double scale = option.formScale;
        const QString suffix = option.unit.isEmpty() ? QString() : u' ' + option.unit;
        switch (option.type) {
        case OType::Bool: {
            auto *box = new QCheckBox(this);
            box->setChecked(start.toBool());
            connect(box, &QCheckBox::toggled, this, &PlannerForm::check);
            field.editor = box;
            field.value = [box](QString &) -> QJsonValue {
                return box->isChecked();
            };
            break;
        }
        case OType::Integer:
        case OType::Number:
            if (option.defaultValue.isNull() || option.type == OType::Number) {
                if (option.defaultValue.isNull()) {
                    // "Not given" has a meaning of its own: an empty field.
                    auto *edit = new QLineEdit(this);
                    edit->setPlaceholderText(tr("not given"));
                    if (start.isDouble())
                        edit->setText(QString::number(start.toDouble() * scale));
                    connect(edit, &QLineEdit::textChanged, this, &PlannerForm::check);
                    field.editor = edit;
                    field.value = [edit, &option, scale](QString &problem) -> QJsonValue {
                        if (edit->text().trimmed().isEmpty())
                            return QJsonValue(QJsonValue::Undefined);
                        bool ok = false;
                        const double value = QLocale().toDouble(edit->text().trimmed(), &ok);
                        const double c = ok ? value : edit->text().trimmed().toDouble(&ok);
                        if (!ok) {
                            problem = tr("%1: \"%2\" is not a number")
                                          .arg(option.label.in(interfaceLanguage()), edit->text());
                            return QJsonValue(QJsonValue::Undefined);
                        }
                        if (option.type == OType::Integer)
                            return qint64(std::llround(c / scale));
                        return c / scale;
                    };
                    break;
                }
                auto *spin = new QDoubleSpinBox(this);
                spin->setDecimals(scale > 1.0 ? 1 : 3);
                spin->setRange(bounded(option.minimum) * scale, bounded(option.maximum) * scale);
                spin->setSuffix(suffix);
                spin->setValue(start.toDouble() * scale);
                connect(spin, &QDoubleSpinBox::valueChanged, this, &PlannerForm::check);
                field.editor = spin;
                field.value = [spin, scale](QString &) -> QJsonValue {
                    return spin->value() / scale;
                };
                break;
            }
            {
                auto *spin = new QSpinBox(this);
                spin->setRange(int(std::max(bounded(option.minimum), -2e9)),
                               int(std::min(bounded(option.maximum), 2e9)));
                spin->setSuffix(suffix);
                spin->setValue(int(start.toInteger(qint64(spin->minimum()))));
                connect(spin, &QSpinBox::valueChanged, this, &PlannerForm::check);
                field.editor = spin;
                field.value = [spin](QString &) -> QJsonValue {
                    return spin->value();
                };
            }
            break;
        case OType::Choice: {
            auto *combo = new QComboBox(this);
            for (const planners::OptionDescriptor::Choice &choice : option.choices)
                combo->addItem(choice.title.in(language), choice.value);
            combo->setCurrentIndex(std::max(0, combo->findData(start.toString())));
            connect(combo, &QComboBox::currentIndexChanged, this, &PlannerForm::check);
            field.editor = combo;
            field.value = [combo](QString &) -> QJsonValue {
                return combo->currentData().toString();
            };
            break;
        }
        case OType::ChoiceList: {
            auto *list = new QListWidget(this);
            QStringList chosen;
            for (const QJsonValue &value : start.toArray())
                chosen << value.toString();
            for (const planners::OptionDescriptor::Choice &choice : option.choices) {
                auto *item = new QListWidgetItem(choice.title.in(language), list);
                item->setData(Qt::UserRole, choice.value);
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(chosen.contains(choice.value) ? Qt::Checked : Qt::Unchecked);
            }
            list->setMaximumHeight(list->sizeHintForRow(0) * 5 + 4);
            connect(list, &QListWidget::itemChanged, this, &PlannerForm::check);
            field.editor = list;
            field.value = [list](QString &) -> QJsonValue {
                QJsonArray values;
                for (int i = 0; i < list->count(); ++i)
                    if (list->item(i)->checkState() == Qt::Checked)
                        values.append(list->item(i)->data(Qt::UserRole).toString());
                return values;
            };
            break;
        }
        case OType::Text:
        case OType::NumberList: {
            auto *edit = new QLineEdit(optionText(start), this);
            if (option.defaultValue.isNull())
                edit->setPlaceholderText(tr("not given"));
            connect(edit, &QLineEdit::textChanged, this, &PlannerForm::check);
            field.editor = edit;
            field.value = [edit, &option](QString &problem) -> QJsonValue {
                if (edit->text().trimmed().isEmpty())
                    return QJsonValue(QJsonValue::Undefined);
                QString parseProblem;
                const QJsonValue value =
                    planners::parseOptionText(option, edit->text().trimmed(), parseProblem);
                if (!parseProblem.isEmpty())
                    problem = u"%1: %2"_qs.arg(option.label.in(interfaceLanguage()), parseProblem);
                return value;
            };
            break;
        }
        case OType::Site:
        case OType::Link: {
            auto *combo = new QComboBox(this);
            if (!network) {
                combo->setEditable(true);
                combo->setEditText(optionText(start));
            } else if (option.type == OType::Site) {
                for (const core::Site &site : network->sites())
                    combo->addItem(site.name.isEmpty() ? site.code
                                                       : site.code + u" — "_qs + site.name,
                                   site.code);
            } else {
                for (const core::Link &link : network->links()) {
                    const core::Site *a = network->site(link.siteA);
                    const core::Site *b = network->site(link.siteB);
                    combo->addItem(u"%1 %2–%3"_qs.arg(link.id).arg(a ? a->code : QString(),
                                                                   b ? b->code : QString()),
                                   qint64(link.id));
                }
            }
            if (network) {
                const int index = option.type == OType::Site ? combo->findData(start.toString())
                                                             : combo->findData(start.toInteger(-1));
                combo->setCurrentIndex(index);
            }
            // A subject given (the selection) is fixed.
            combo->setEnabled(
                !(option.key == planner.subjectOption && initial.contains(option.key)));
            connect(combo, &QComboBox::currentIndexChanged, this, &PlannerForm::check);
            connect(combo, &QComboBox::editTextChanged, this, &PlannerForm::check);
            field.editor = combo;
            const bool isSite = option.type == OType::Site;
            field.value = [combo, isSite](QString &) -> QJsonValue {
                if (combo->isEditable()) {
                    const QString text = combo->currentText().trimmed();
                    if (text.isEmpty())
                        return QJsonValue(QJsonValue::Undefined);
                    bool ok = false;
                    const qint64 id = text.toLongLong(&ok);
                    return isSite || !ok ? QJsonValue(text) : QJsonValue(id);
                }
                if (combo->currentIndex() < 0)
                    return QJsonValue(QJsonValue::Undefined);
                return isSite ? QJsonValue(combo->currentData().toString())
                              : QJsonValue(combo->currentData().toLongLong());
            };
            break;
        }
        }
        field.editor->setObjectName(option.key);
        field.editor->setToolTip(option.help.in(language));
        // The unit where the editor does not show it (spin boxes carry it as a suffix).
        QString text = option.label.in(language);
        if (!qobject_cast<QAbstractSpinBox *>(field.editor) && !option.unit.isEmpty())
            text += u" ("_qs + option.unit + u')';
        else if (option.type == OType::Text && option.valueName.contains(u':'))
            text += u" ("_qs + option.valueName + u", …)"_qs;
        auto *label = new QLabel(text + u':', this);
        label->setToolTip(option.help.in(language));
        label->setBuddy(field.editor);
        (option.stored ? form : advancedForm)->addRow(label, field.editor);
        m_fields.push_back(std::move(field));
    }
    if (advancedForm->rowCount() > 0)
        layout->addWidget(advanced);
    else
        advanced->hide();

    m_problemLabel->setObjectName(u"PlannerFormProblem"_qs);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setStyleSheet(u"color: #b71c1c"_qs);
    layout->addWidget(m_problemLabel);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    check();
}

QWidget *PlannerForm::editor(const QString &key) const
{
    for (const Field &field : m_fields)
        if (field.option->key == key)
            return field.editor;
    return nullptr;
}

QJsonObject PlannerForm::entered(QString &problem) const
{
    QJsonObject options = m_hidden;
    for (const Field &field : m_fields) {
        QString fieldProblem;
        const QJsonValue value = field.value(fieldProblem);
        if (!fieldProblem.isEmpty() && problem.isEmpty())
            problem = fieldProblem;
        if (!value.isUndefined())
            options.insert(field.option->key, value);
    }
    return options;
}

QJsonObject PlannerForm::options() const
{
    QString problem;
    const QJsonObject options = entered(problem);
    return problem.isEmpty() && m_problem.isEmpty() ? options : QJsonObject();
}

void PlannerForm::check()
{
    QString problem;
    QJsonObject options = entered(problem);
    if (problem.isEmpty()) {
        problem = planners::checkOptions(m_planner, options, m_network);
        // The form names its fields, not the command line's flags.
        const QString language = interfaceLanguage();
        for (const planners::OptionDescriptor &option : m_planner.options)
            for (const QString &flag : {option.flag, option.offFlag})
                if (!flag.isEmpty() && problem.startsWith(u"--"_qs + flag + u':'))
                    problem.replace(0, flag.size() + 2, option.label.in(language));
    }
    m_problem = problem;
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    m_ok->setEnabled(problem.isEmpty());
}

} // namespace nqi::widgets
