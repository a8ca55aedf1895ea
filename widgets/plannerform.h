#pragma once

#include "core/model/network.h"
#include "planners/descriptor.h"

#include <QDialog>
#include <QJsonObject>
#include <QJsonValue>

#include <functional>
#include <vector>

class QLabel;
class QPushButton;

namespace nqi::widgets {

/**
 * A planner's options as a form, generated from its descriptor (QGIS Processing's dialog): a
 * check box, spin box (range, unit, a fraction as a percentage), choice, checkable list or
 * validated text per option, the project's sites or links for a subject; labels and tool tips in
 * the interface's language, the description on top. OK is enabled only while checkOptions
 * accepts the values; what is wrong is said under the form.
 */
class PlannerForm : public QDialog
{
    Q_OBJECT

public:
    /// network: the open project (null: none; options read from it are then asked for);
    /// initial: values to start from (the last stored run's options, a selected site's code or
    /// link's id under the subject option, which is then fixed).
    PlannerForm(const planners::PlannerDescriptor &planner,
                const core::Network *network,
                const QJsonObject &initial = {},
                QWidget *parent = nullptr);

    /// The options as entered (those given), as runPlanner takes them; empty while problem()
    /// is not.
    QJsonObject options() const;
    /// What checkOptions finds wrong with the values; empty when they are good.
    QString problem() const { return m_problem; }
    QPushButton *okButton() const { return m_ok; }
    /// The editor of an option (by key); null when the form does not show it.
    QWidget *editor(const QString &key) const;

private:
    struct Field
    {
        const planners::OptionDescriptor *option = nullptr;
        QWidget *editor = nullptr;
        /// The value entered: Undefined when not given; problem set when it is not a value.
        std::function<QJsonValue(QString &problem)> value;
    };
    void check();
    QJsonObject entered(QString &problem) const;

    const planners::PlannerDescriptor &m_planner;
    const core::Network *m_network;
    std::vector<Field> m_fields;
    QJsonObject m_hidden; ///< initial values of options the form does not show
    QLabel *m_problemLabel;
    QPushButton *m_ok;
    QString m_problem;
};

} // namespace nqi::widgets
