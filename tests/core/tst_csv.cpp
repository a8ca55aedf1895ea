#include "core/io/csvreader.h"
#include "core/io/csvwriter.h"
#include "core/model/diagnostic.h"

#include <QTest>

using namespace nqi::core;

class TestCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void writerQuotesOnlyWhenNeeded();
    void writeThenReadIsIdentity();
    void rowsAcrossReadChunksKeepTheirLines();
    void badUtf8DeepInAStreamedFileNamesItsLine();
};

void TestCsv::parse_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QList<QStringList>>("rows");
    QTest::addColumn<QList<qint64>>("lines");

    QTest::newRow("plain") << QByteArray("a,b\n1,2\n")
                           << QList<QStringList>{{u"a"_qs, u"b"_qs}, {u"1"_qs, u"2"_qs}}
                           << QList<qint64>{1, 2};
    QTest::newRow("BOM and CRLF") << QByteArray("\xEF\xBB\xBFx,y\r\n3,4\r\n")
                                  << QList<QStringList>{{u"x"_qs, u"y"_qs}, {u"3"_qs, u"4"_qs}}
                                  << QList<qint64>{1, 2};
    QTest::newRow("no final newline")
        << QByteArray("a\n5") << QList<QStringList>{{u"a"_qs}, {u"5"_qs}} << QList<qint64>{1, 2};
    QTest::newRow("quoted comma, quote and newline")
        << QByteArray("n,v\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\nlast,1\n")
        << QList<QStringList>{{u"n"_qs, u"v"_qs},
                              {u"a,b"_qs, u"say \"hi\""_qs},
                              {u"two\nlines"_qs, u"x"_qs},
                              {u"last"_qs, u"1"_qs}}
        << QList<qint64>{1, 2, 3, 5};
    QTest::newRow("blank lines skipped")
        << QByteArray("a\n\n1\n\n") << QList<QStringList>{{u"a"_qs}, {u"1"_qs}}
        << QList<qint64>{1, 3};
    QTest::newRow("empty fields") << QByteArray("a,b,c\n,,\n")
                                  << QList<QStringList>{{u"a"_qs, u"b"_qs, u"c"_qs}, {{}, {}, {}}}
                                  << QList<qint64>{1, 2};
    QTest::newRow("unicode") << QByteArray("名称\n北京\n")
                             << QList<QStringList>{{u"名称"_qs}, {u"北京"_qs}}
                             << QList<qint64>{1, 2};
}

void TestCsv::parse()
{
    QFETCH(QByteArray, data);
    QFETCH(QList<QStringList>, rows);
    QFETCH(QList<qint64>, lines);
    const QList<CsvRow> parsed = CsvReader::parse(data, u"test.csv"_qs);
    QCOMPARE(parsed.size(), rows.size());
    for (qsizetype i = 0; i < parsed.size(); ++i) {
        QCOMPARE(parsed[i].fields, rows[i]);
        QCOMPARE(parsed[i].line, lines[i]);
    }
}

void TestCsv::errors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("unclosed quote")
        << QByteArray("a\n1\n\"open\n") << qint64(3) << u"never closed"_qs;
    QTest::newRow("quote in field")
        << QByteArray("a\nab\"c\n") << qint64(2) << u"quote inside an unquoted field"_qs;
    QTest::newRow("text after quote")
        << QByteArray("a\n\"x\"y\n") << qint64(2) << u"text after a closing quote"_qs;
    QTest::newRow("bad UTF-8") << QByteArray("a\nok\n\xC3\x28\n") << qint64(3)
                               << u"not valid UTF-8"_qs;
}

void TestCsv::errors()
{
    QFETCH(QByteArray, data);
    QFETCH(qint64, line);
    QFETCH(QString, message);
    try {
        CsvReader::parse(data, u"bad.csv"_qs);
        QFAIL("bad CSV was accepted");
    } catch (const Failure &failure) {
        QCOMPARE(failure.diagnostic().file, u"bad.csv"_qs);
        QCOMPARE(failure.diagnostic().line, line);
        QVERIFY2(failure.diagnostic().message.contains(message),
                 qPrintable(failure.diagnostic().toString()));
    }
}

void TestCsv::writerQuotesOnlyWhenNeeded()
{
    QCOMPARE(CsvWriter::quoted(u"plain"_qs), u"plain"_qs);
    QCOMPARE(CsvWriter::quoted(u"a,b"_qs), u"\"a,b\""_qs);
    QCOMPARE(CsvWriter::quoted(u"say \"x\""_qs), u"\"say \"\"x\"\"\""_qs);
    QCOMPARE(CsvWriter::quoted(u" padded"_qs), u"\" padded\""_qs);
    QCOMPARE(CsvWriter::format({u"a"_qs, u"b"_qs}, {{u"1"_qs, u"x\ny"_qs}}),
             QByteArray("a,b\n1,\"x\ny\"\n"));
}

void TestCsv::writeThenReadIsIdentity()
{
    const QStringList header{u"code"_qs, u"name"_qs};
    const QList<QStringList> rows{
        {u"A"_qs, u"上海, \"Shanghai\""_qs}, {u"B"_qs, u"line\r\nbreak"_qs}, {u"C"_qs, QString()}};
    const QList<CsvRow> parsed = CsvReader::parse(CsvWriter::format(header, rows), u"x"_qs);
    QCOMPARE(parsed.size(), 4);
    QCOMPARE(parsed[0].fields, header);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(parsed[i + 1].fields, rows[i]);
}

// The reader streams the file in chunks of whole lines: rows, quoted fields spanning lines and
// chunks, CRLF and multi-byte characters come out as from one piece, on the same lines.
void TestCsv::rowsAcrossReadChunksKeepTheirLines()
{
    QByteArray data = "\xEF\xBB\xBF"
                      "code,note\r\n";
    QList<QStringList> expected{{u"code"_qs, u"note"_qs}};
    QList<qint64> lines{1};
    qint64 line = 2;
    for (int i = 0; i < 40000; ++i) {
        if (i % 997 == 0) {
            // A quoted field of many lines, some longer than a read chunk (256 KB).
            const int noteLines = i % 3988 == 0 ? 30000 : 300;
            QString note;
            for (int k = 0; k < noteLines; ++k)
                note += u"北京 \"%1\"\n"_qs.arg(k);
            QString quoted = note;
            quoted.replace(u"\""_qs, u"\"\""_qs);
            data += u"Q%1,\"%2\"\r\n"_qs.arg(i).arg(quoted).toUtf8();
            expected.append({u"Q%1"_qs.arg(i), note});
            lines << line;
            line += noteLines + 1;
        } else {
            data += u"S%1,上海 %1\n"_qs.arg(i).toUtf8();
            expected.append({u"S%1"_qs.arg(i), u"上海 %1"_qs.arg(i)});
            lines << line;
            ++line;
        }
        if (i % 101 == 0) {
            data += "\n"; // blank lines are skipped but counted
            ++line;
        }
    }
    QVERIFY(data.size() > 4 * 1024 * 1024);
    const QList<CsvRow> parsed = CsvReader::parse(data, u"big.csv"_qs);
    QCOMPARE(parsed.size(), expected.size());
    for (qsizetype i = 0; i < parsed.size(); ++i) {
        QCOMPARE(parsed[i].fields, expected[i]);
        QCOMPARE(parsed[i].line, lines[i]);
    }
}

void TestCsv::badUtf8DeepInAStreamedFileNamesItsLine()
{
    QByteArray data = "a,b\n";
    for (int i = 2; i < 200000; ++i)
        data += "x,\"y\"\n";
    data += "K\xF6ln,1\n"; // line 200000
    data += "z,2\n";
    try {
        CsvReader reader(data, u"deep.csv"_qs);
        CsvRow row;
        while (reader.next(row)) {
        }
        QFAIL("bad UTF-8 was accepted");
    } catch (const Failure &failure) {
        QCOMPARE(failure.diagnostic().toString(),
                 u"deep.csv:200000: not valid UTF-8 text; save the file as UTF-8 and try again"_qs);
    }
}

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
