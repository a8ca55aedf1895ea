#include "core/io/importer.h"
#include "core/store/projectstore.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace nqi::core;

// Imports every Internet Topology Zoo GraphML file and compares the site and link counts with
// what networkx computes under the same rules (tests/core/zoo_reference.py).
class TestTopologyZoo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void countsMatchNetworkx_data();
    void countsMatchNetworkx();
    void savedProjectCountsInOgrinfo();

private:
    QString m_folder;
    QJsonObject m_reference;
};

void TestTopologyZoo::initTestCase()
{
    m_folder = QStringLiteral(NQI_SHARED_DIR "/datasets/topology-zoo/graphml");
    if (!QDir(m_folder).exists())
        QSKIP("the Topology Zoo dataset is not beside the project (../shared/datasets)");
    QProcess python;
    python.start(u"/usr/bin/python3"_qs,
                 {QStringLiteral(NQI_SOURCE_DIR "/tests/core/zoo_reference.py"), m_folder});
    QVERIFY(python.waitForFinished(600000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    m_reference = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    QVERIFY(m_reference.size() > 250);
}

void TestTopologyZoo::countsMatchNetworkx_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(m_folder).entryList({u"*.graphml"_qs}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
}

void TestTopologyZoo::countsMatchNetworkx()
{
    QFETCH(QString, file);
    Network network;
    const ImportReport report = Importer::importFiles(network, {QDir(m_folder).filePath(file)});
    const QJsonObject expected = m_reference.value(file).toObject();
    QVERIFY2(!expected.isEmpty(), "networkx gave no reference for this file");
    QCOMPARE(qint64(network.sites().size()), expected.value(u"sites"_qs).toInteger());
    QCOMPARE(qint64(network.links().size()), expected.value(u"links"_qs).toInteger());
    // Every site and link is valid and every code unique, or addSite would have thrown.
    for (const Diagnostic &warning : report.warnings)
        QVERIFY(warning.toString().contains(file));
}

void TestTopologyZoo::savedProjectCountsInOgrinfo()
{
    if (QStandardPaths::findExecutable(u"ogrinfo"_qs).isEmpty())
        QSKIP("ogrinfo (gdal-bin) is not installed");
    const QString file = u"Kdl.graphml"_qs; // the largest: 754 nodes, 899 edges
    Network network;
    Importer::importFiles(network, {QDir(m_folder).filePath(file)});
    QTemporaryDir dir;
    const QString project = dir.filePath(u"kdl.gpkg"_qs);
    ProjectStore::save(network, project);
    QProcess ogrinfo;
    ogrinfo.start(u"ogrinfo"_qs, {u"-so"_qs, project, u"sites"_qs, u"links"_qs});
    QVERIFY(ogrinfo.waitForFinished(60000));
    const QString output = QString::fromUtf8(ogrinfo.readAllStandardOutput());
    const QJsonObject expected = m_reference.value(file).toObject();
    QVERIFY2(output.contains(u"Feature Count: %1"_qs.arg(expected.value(u"sites"_qs).toInteger())),
             qPrintable(output));
    QVERIFY(output.contains(u"Feature Count: %1"_qs.arg(expected.value(u"links"_qs).toInteger())));
}

QTEST_GUILESS_MAIN(TestTopologyZoo)
#include "tst_topologyzoo.moc"
