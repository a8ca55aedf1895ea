#include "core/model/kinds.h"
#include "core/store/projectstore.h"
#include "planners/registry.h"
#include "widgets/plannerform.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace nqi;

/// The generated planner forms: for every planner, the form as first shown gives exactly the
/// descriptor's defaults, and a value that is not one disables OK and says why under the form.
class TestPlannerForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultsRoundTrip_data();
    void defaultsRoundTrip();
    void badValueDisablesOk_data() { defaultsRoundTrip_data(); }
    void badValueDisablesOk();

private:
    core::Network m_network;
};

void TestPlannerForm::initTestCase()
{
    m_network = core::ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT));
}

void TestPlannerForm::defaultsRoundTrip_data()
{
    QTest::addColumn<QString>("planner");
    QTest::addColumn<QJsonObject>("initial");
    QString dc, ingestSite;
    qint64 gpus = 0;
    for (const core::Site &site : m_network.sites())
        if (dc.isEmpty() && site.gpus && *site.gpus > 0) {
            dc = site.code;
            gpus = *site.gpus;
        }
    for (const core::Demand &demand : m_network.demands())
        for (core::SiteId end : {demand.source, demand.destination})
            if (ingestSite.isEmpty() && demand.volumeTb &&
                m_network.site(end)->kind == core::SiteKind::IngestSite)
                ingestSite = m_network.site(end)->code;
    for (const QString &planner : planners::plannerNames()) {
        QJsonObject initial;
        if (planner == u"fabric")
            initial = {{u"site"_qs, dc}, {u"gpus"_qs, gpus}};
        else if (planner == u"dci")
            initial = {{u"link"_qs, m_network.links().front().id}};
        else if (planner == u"ingest")
            initial = {{u"site"_qs, ingestSite}};
        QTest::newRow(qPrintable(planner)) << planner << initial;
    }
}

void TestPlannerForm::defaultsRoundTrip()
{
    QFETCH(QString, planner);
    QFETCH(QJsonObject, initial);
    const planners::PlannerDescriptor *descriptor = planners::plannerDescriptor(planner);
    QVERIFY(descriptor);
    widgets::PlannerForm form(*descriptor, &m_network, initial);
    QVERIFY2(form.okButton()->isEnabled(), qPrintable(form.problem()));
    QJsonObject given = form.options();
    QJsonObject expected = initial;
    QCOMPARE(planners::checkOptions(*descriptor, expected, &m_network), QString());
    QCOMPARE(planners::checkOptions(*descriptor, given, &m_network), QString());
    QCOMPARE(given, expected);
}

void TestPlannerForm::badValueDisablesOk()
{
    QFETCH(QString, planner);
    QFETCH(QJsonObject, initial);
    const planners::PlannerDescriptor *descriptor = planners::plannerDescriptor(planner);
    widgets::PlannerForm form(*descriptor, &m_network, initial);
    form.show();
    QLineEdit *edit = nullptr;
    for (const planners::OptionDescriptor &option : descriptor->options)
        if (auto *e = qobject_cast<QLineEdit *>(form.editor(option.key)); e && !edit)
            edit = e;
    if (!edit)
        QSKIP("no option of this planner takes text");
    edit->setText(u"x!"_qs);
    QVERIFY(!form.okButton()->isEnabled());
    QVERIFY(!form.problem().isEmpty());
    auto *label = form.findChild<QLabel *>(u"PlannerFormProblem"_qs);
    QVERIFY(label && label->isVisible());
    QCOMPARE(label->text(), form.problem());
    QVERIFY(form.options().isEmpty());
}

QTEST_MAIN(TestPlannerForm)
#include "tst_plannerform.moc"
