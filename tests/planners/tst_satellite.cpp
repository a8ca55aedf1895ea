// The space segment: SGP4/SDP4 against Vallado's verification set, the TLE reader's checks,
// Walker shells, footprints and coverage against independent computations.

#include "core/geo/geodesy.h"
#include "core/model/diagnostic.h"
#include "core/model/network.h"
#include "planners/latency/latency.h"
#include "planners/registry.h"
#include "planners/satellite/coverage.h"
#include "planners/satellite/paths.h"
#include "planners/satellite/satellite.h"
#include "planners/satellite/sgp4.h"
#include "planners/satellite/tle.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

#include <cmath>
#include <numbers>
#include <set>

using namespace nqi::planners::satellite;

namespace {

// python3-sgp4 ships Vallado's verification set: the TLEs (with start, stop and step minutes
// after column 69) and the output of his C++ reference implementation.
const QString verificationDir = u"/usr/lib/python3/dist-packages/sgp4"_qs;

struct ExpectedBlock
{
    int satnum = 0;
    QList<std::array<double, 7>> rows; // minutes, x y z km, vx vy vz km/s
};

QList<ExpectedBlock> readTcppver(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("cannot read %s", qPrintable(path));
    QList<ExpectedBlock> blocks;
    while (!file.atEnd()) {
        const QString line = QString::fromLatin1(file.readLine()).trimmed();
        if (line.endsWith(u" xx"_qs)) {
            blocks.append(ExpectedBlock{line.section(u' ', 0, 0).toInt(), {}});
            continue;
        }
        const QStringList fields = line.split(u' ', Qt::SkipEmptyParts);
        if (fields.size() < 7 || blocks.isEmpty())
            continue;
        std::array<double, 7> row{};
        for (int i = 0; i < 7; ++i)
            row[i] = fields[i].toDouble();
        blocks.last().rows.append(row);
    }
    return blocks;
}

} // namespace

class TestSatellite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verificationSet();
    void tleErrors_data();
    void tleErrors();
    void tleLenientKeepsTheRest();
    void threeLineAndAlpha5();
    void walkerShell();
    void footprint();
    void coverageEqualsBruteForce_data();
    void coverageEqualsBruteForce();
    void coverageOfARegionPolygon();
    void geostationarySubPoint();
    void coverageRefusesNonsense();
    void bentPipeAndIslEqualBruteForce_data();
    void bentPipeAndIslEqualBruteForce();
    void visibilityWindowsEdges();
    void fibreLatencyIsTheFastestPath();
    void windowOfYearsAtOneSecondIsRefusedWithTheBound();
    void walkerShellOfTwoBillionIsRefusedBeforeAnyIsMade();
    void coverageWorkIsBoundedBeforeItStarts();
    void longTitleIsCutInMessages();
    void tabulationIsBoundedAndEnds();
    void gslRuleRefusesNonsense_data();
    void gslRuleRefusesNonsense();
    void gslRangeAndElevationAgreeAtTheBoundary();
    void hypatiaIslPairsMatchItsGenerator();
    void hypatiaPublishedLengths();
    void visibilityWindowsUnderTheRangeRule();
    void planCarriesTheRulesIntoItsJson();
    void projectConstellationRunsWithItsRules();
    void descriptorReadsOptionsAsTheCommandLine_data();
    void descriptorReadsOptionsAsTheCommandLine();
    void descriptorRefusesOptionsThatDoNotGoTogether_data();
    void descriptorRefusesOptionsThatDoNotGoTogether();
    void descriptorRunIsThePlan();
    void descriptorRunTakesTheProjectConstellation();
    void storedResultIsReadBackCurrent();
};

// Vallado, Crawford, Hujsak & Kelso (2006), "Revisiting Spacetrack Report #3", AIAA 2006-6753:
// every case of SGP4-VER.TLE against tcppver.out, to 1 m and 1 mm/s, including the cases that
// must end in an error (codes in the order python-sgp4's own test expects them: 1,1,6,6,4,3,6).
void TestSatellite::verificationSet()
{
    if (!QFile::exists(verificationDir + u"/SGP4-VER.TLE"_qs))
        QSKIP("python3-sgp4 (the verification set) is not installed");
    const TleSet set = readTleFile(verificationDir + u"/SGP4-VER.TLE"_qs, true);
    // The file carries five deliberately wrong checksums (lines 100, 101, 103, 106, 107).
    QList<qint64> warned;
    for (const auto &warning : set.warnings)
        warned.append(warning.line);
    QCOMPARE(warned, (QList<qint64>{100, 101, 103, 106, 107}));

    const QList<ExpectedBlock> expected = readTcppver(verificationDir + u"/tcppver.out"_qs);
    QCOMPARE(set.records.size(), expected.size());
    QCOMPARE(set.records.size(), 33);

    QList<int> errors;
    int compared = 0;
    double worstKm = 0.0, worstKmPerS = 0.0;
    const std::array<double, 7> *previousRow = nullptr;
    for (qsizetype i = 0; i < set.records.size(); ++i) {
        const TleRecord &record = set.records[i];
        const ExpectedBlock &block = expected[i];
        QCOMPARE(record.elements.satnum, block.satnum);
        QVERIFY(record.stepMinutes.has_value());
        const Sgp4 satellite(record.elements);
        const Ephemeris ephemeris =
            tabulate(satellite, *record.startMinutes, *record.stopMinutes, *record.stepMinutes);
        if (ephemeris.error != Sgp4Error::None)
            errors.append(int(ephemeris.error));

        qsizetype rows = block.rows.size();
        if (ephemeris.minutes.empty()) {
            // The reference driver prints its previous state again when the epoch itself fails.
            QVERIFY2(ephemeris.error != Sgp4Error::None, qPrintable(QString::number(block.satnum)));
            QCOMPARE(rows, 1);
            QVERIFY(previousRow);
            for (int k = 1; k < 7; ++k)
                QCOMPARE(block.rows[0][k], (*previousRow)[k]);
            continue;
        }
        QVERIFY2(qsizetype(ephemeris.minutes.size()) == rows,
                 qPrintable(u"satellite %1: %2 states, tcppver.out has %3 (error %4 at %5 min)"_qs
                                .arg(block.satnum)
                                .arg(ephemeris.minutes.size())
                                .arg(rows)
                                .arg(int(ephemeris.error))
                                .arg(ephemeris.errorMinutes)));
        for (qsizetype r = 0; r < rows; ++r) {
            const auto &want = block.rows[r];
            const State &got = ephemeris.states[size_t(r)];
            QCOMPARE(ephemeris.minutes[size_t(r)], want[0]);
            for (int k = 0; k < 3; ++k) {
                const double dr = std::fabs(got.r[k] - want[1 + k]);
                const double dv = std::fabs(got.v[k] - want[4 + k]);
                worstKm = std::max(worstKm, dr);
                worstKmPerS = std::max(worstKmPerS, dv);
                QVERIFY2(dr < 1e-3 && dv < 1e-6,
                         qPrintable(u"satellite %1 at %2 min, axis %3: r %4 vs %5 km, v %6 vs "
                                    "%7 km/s"_qs.arg(block.satnum)
                                        .arg(want[0])
                                        .arg(k)
                                        .arg(got.r[k], 0, 'f', 8)
                                        .arg(want[1 + k], 0, 'f', 8)
                                        .arg(got.v[k], 0, 'f', 9)
                                        .arg(want[4 + k], 0, 'f', 9)));
            }
            ++compared;
        }
        previousRow = &block.rows.last();
    }
    QCOMPARE(errors, (QList<int>{1, 1, 6, 6, 4, 3, 6}));
    QCOMPARE(compared, 700 - 33 - 1); // every state line but the repeated one
    qInfo("%d states compared; largest difference %.3g m and %.3g mm/s", compared, worstKm * 1000.0,
          worstKmPerS * 1e6);
}

void TestSatellite::tleErrors_data()
{
    const QString one = u"1 25544U 98067A   24012.50000000  .00016717  00000-0  10270-3 0  9005"_qs;
    const QString two = u"2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537"_qs;
    auto fixed = [](QString line) {
        line[68] = QChar(u'0' + tleChecksum(line));
        return line;
    };
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("good checksum baseline") << (fixed(one) + u'\n' + fixed(two)) << QString();
    QTest::newRow("checksum") << (one.left(68) + u'0' + u'\n' + fixed(two))
                              << u"t.tle:1: column 69 (checksum): checksum is 0"_qs;
    QTest::newRow("short line") << (one.left(60) + u'\n' + fixed(two))
                                << u"t.tle:1: line 1 has 60 columns"_qs;
    QString shifted = two;
    shifted.insert(10, u' ');
    QTest::newRow("shifted columns")
        << (fixed(one) + u'\n' + fixed(shifted.left(69)))
        << u"t.tle:2: column 17 (separator): '6' where the format has a blank"_qs;
    QString badEcc = two;
    badEcc.replace(26, 7, u"00x6703"_qs);
    QTest::newRow("eccentricity")
        << (fixed(one) + u'\n' + fixed(badEcc))
        << u"t.tle:2: columns 27-33 (eccentricity): '00x6703' is not seven digits"_qs;
    QString otherSat = two;
    otherSat.replace(2, 5, u"25545"_qs);
    QTest::newRow("mismatch") << (fixed(one) + u'\n' + fixed(otherSat))
                              << u"t.tle:2: columns 3-7 (satellite number): line 2 is for "
                                 "satellite 25545"_qs;
    QString badIncl = two;
    badIncl.replace(8, 8, u"191.6416"_qs);
    QTest::newRow("inclination range")
        << (fixed(one) + u'\n' + fixed(badIncl))
        << u"t.tle:2: columns 9-16 (inclination): 191.6416 is out of range 0..180"_qs;
    QString badBstar = one;
    badBstar.replace(53, 8, u" 1027a-3"_qs);
    QTest::newRow("bstar") << (fixed(badBstar) + u'\n' + fixed(two))
                           << u"t.tle:1: columns 54-61 (drag term (B*))"_qs;
    QTest::newRow("no line 2") << fixed(one)
                               << u"t.tle:1: line 1 of satellite '25544' has no "
                                  "line 2"_qs;
    QTest::newRow("line 2 alone") << fixed(two) << u"t.tle:1: line 2 without a line 1"_qs;
    QTest::newRow("empty") << u"\n\n"_qs << u"t.tle: no element sets read"_qs;
    QTest::newRow("not a TLE") << u"hello\nworld\n"_qs
                               << u"t.tle:1: title 'hello' is not followed by an element set"_qs;
}

void TestSatellite::tleErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    try {
        const TleSet set = readTle(text, u"t.tle"_qs);
        QVERIFY2(message.isEmpty(), "no error");
        QCOMPARE(set.records.size(), 1);
        QCOMPARE(set.records[0].elements.satnum, 25544);
        QVERIFY(set.warnings.isEmpty());
    } catch (const nqi::core::Failure &failure) {
        QVERIFY2(!message.isEmpty(), failure.what());
        QVERIFY2(QString::fromUtf8(failure.what()).startsWith(message), failure.what());
    }
}

void TestSatellite::tleLenientKeepsTheRest()
{
    const QString text =
        u"ISS (ZARYA)\n"
        "1 25544U 98067A   24012.50000000  .00016717  00000-0  10270-3 0  9005\n"
        "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n"
        "BROKEN\n"
        "1 25545U 98067A   24012.50000000  .00016717  00000-0  10270-3 0  9005\n"
        "2 25545  51.6416 247.4627 000x703 130.5360 325.0288 15.72125391563537\n"
        "NEXT\n"
        "1 25546U 98067A   24012.50000000  .00016717  00000-0  10270-3 0  9006\n"
        "2 25546  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563538\n"_qs;
    QVERIFY_THROWS_EXCEPTION(nqi::core::Failure, readTle(text, u"t.tle"_qs));
    const TleSet set = readTle(text, u"t.tle"_qs, true);
    QCOMPARE(set.records.size(), 2);
    QCOMPARE(set.records[0].name, u"ISS (ZARYA)"_qs);
    QCOMPARE(set.records[1].name, u"NEXT"_qs);
    QCOMPARE(set.records[1].line, 8);
    QVERIFY(!set.warnings.isEmpty());
    bool sawEccentricity = false;
    for (const auto &w : set.warnings)
        sawEccentricity |= w.line == 6 && w.where.contains(u"eccentricity"_qs);
    QVERIFY(sawEccentricity);
}

void TestSatellite::threeLineAndAlpha5()
{
    const QString text =
        u"0 SAT A\r\n"
        "1 A0001U 98067A   24012.50000000  .00016717  00000-0  10270-3 0  9004\r\n"
        "2 A0001  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563536\r\n"_qs;
    QString fixedText;
    for (QString line : text.split(u"\r\n"_qs)) {
        if (line.startsWith(u"1 "_qs) || line.startsWith(u"2 "_qs))
            line[68] = QChar(u'0' + tleChecksum(line));
        fixedText += line + u"\r\n"_qs;
    }
    const TleSet set = readTle(fixedText, u"t.tle"_qs);
    QCOMPARE(set.records.size(), 1);
    QCOMPARE(set.records[0].name, u"SAT A"_qs);
    QCOMPARE(set.records[0].elements.satnum, 100001);
    // Epoch 2024 day 12.5 = 2024-01-12 12:00 UTC = JD 2460322.0.
    QCOMPARE(set.records[0].elements.epochJulian(), 2460322.0);
}

void TestSatellite::walkerShell()
{
    const nqi::core::WalkerShell shell = parseWalker(u"1584/72/17:53:550"_qs);
    QCOMPARE(shell, (nqi::core::WalkerShell{1584, 72, 17, 53.0, 550.0}));
    // 72 planes of 22 is 1584/72/F in Walker's notation; 72/22 does not divide.
    try {
        parseWalker(u"72/22/1:53:550"_qs);
        QFAIL("72/22/1 accepted");
    } catch (const nqi::core::Failure &failure) {
        QVERIFY2(QString::fromUtf8(failure.what()).contains(u"1584/72/F"_qs), failure.what());
    }
    QVERIFY_THROWS_EXCEPTION(nqi::core::Failure, parseWalker(u"72/24/30:53:550"_qs));
    QVERIFY_THROWS_EXCEPTION(nqi::core::Failure, parseWalker(u"72/24/1:53"_qs));
    const QList<MeanElements> satellites =
        nqi::planners::satellite::walkerShell(shell, 2460322.0, 0.0);
    QCOMPARE(satellites.size(), 1584);
    // SGP4's mean semi-major axis is the Earth radius plus the altitude, and the orbit stays at
    // that altitude (within J2's short-period wobble of a few km) over a day.
    for (const MeanElements &e : {satellites[0], satellites[777]}) {
        const Sgp4 satellite(e);
        QCOMPARE(satellite.initError(), Sgp4Error::None);
        QVERIFY(std::fabs(satellite.semiMajorAxisKm() - (wgs72::radiusKm + 550.0)) < 1e-6);
        for (double t = 0; t <= 1440; t += 7) {
            State s;
            QCOMPARE(satellite.propagate(t, s), Sgp4Error::None);
            const double radius = std::hypot(s.r[0], s.r[1], s.r[2]);
            QVERIFY2(std::fabs(radius - (wgs72::radiusKm + 550.0)) < 15.0,
                     qPrintable(QString::number(radius)));
            // Inclination from the angular momentum h = r x v.
            const double hx = s.r[1] * s.v[2] - s.r[2] * s.v[1];
            const double hy = s.r[2] * s.v[0] - s.r[0] * s.v[2];
            const double hz = s.r[0] * s.v[1] - s.r[1] * s.v[0];
            const double inclination = std::acos(hz / std::hypot(hx, hy, hz));
            QVERIFY2(std::fabs(inclination * 180.0 / std::numbers::pi - 53.0) < 0.2,
                     qPrintable(QString::number(inclination * 180.0 / std::numbers::pi)));
        }
    }
    // Phasing: satellite 0 of plane 1 leads satellite 0 of plane 0 by 360 F / T degrees.
    const double perPlane = 1584 / 72;
    QCOMPARE(satellites[int(perPlane)].meanAnomalyRad, 2.0 * std::numbers::pi * 17 / 1584);
    QCOMPARE(satellites[int(perPlane)].raanRad, 2.0 * std::numbers::pi / 72);
}

// Footprint geometry on a sphere of 6,371 km, checked through the law of sines instead of the
// cosine form the code uses: sin(nadir angle) = R cos(elevation) / (R + h), and the central
// angle is 90 degrees - elevation - nadir angle.
void TestSatellite::footprint()
{
    const double r = 6371.0;
    for (double h : {350.0, 550.0, 1200.0, 35786.0}) {
        for (double elevation : {0.0, 10.0, 25.0, 40.0}) {
            const double e = elevation * std::numbers::pi / 180.0;
            const double nadir = std::asin(r * std::cos(e) / (r + h));
            const double lambda = std::numbers::pi / 2 - e - nadir;
            QVERIFY(std::fabs(footprintHalfAngleRad(h, elevation) - lambda) < 1e-12);
            QVERIFY(std::fabs(footprintRadiusKm(h, elevation) - r * lambda) < 1e-9);
            const double slant = r * std::sin(lambda) / std::sin(nadir);
            QVERIFY(std::fabs(slantRangeKm(h, elevation) - slant) < 1e-6);
        }
    }
    // Starlink's 550 km shell at 25 degrees: about 940 km (a figure often quoted).
    QVERIFY(std::fabs(footprintRadiusKm(550.0, 25.0) - 940.5) < 0.1);
    // Geostationary at 0 degrees: the limb, 81.3 degrees from the sub-satellite point.
    QVERIFY(std::fabs(footprintHalfAngleRad(35786.0, 0.0) * 180.0 / std::numbers::pi - 81.3) <
            0.05);
}

namespace {

struct Brute
{
    double meanPercent = 0, minPercent = 100, maxGapSeconds = 0, meanInView = 0;
    int minInView = 1 << 30;
};

// Every satellite against every cell at every step, with the plain elevation formula.
Brute bruteForce(const std::vector<Sgp4> &satellites,
                 const Area &area,
                 const CoverageOptions &options)
{
    const double a = 6378.137, f = 1.0 / 298.257223563, e2 = f * (2 - f);
    const double d = std::numbers::pi / 180.0;
    struct C
    {
        double lat, lon, x, y, z, w;
    };
    std::vector<C> cells;
    for (double lat = area.southDeg + options.gridDeg / 2; lat < area.northDeg;
         lat += options.gridDeg)
        for (double lon = area.westDeg + options.gridDeg / 2; lon < area.eastDeg;
             lon += options.gridDeg) {
            const double n = a / std::sqrt(1 - e2 * std::sin(lat * d) * std::sin(lat * d));
            cells.push_back({lat, lon, n * std::cos(lat * d) * std::cos(lon * d),
                             n * std::cos(lat * d) * std::sin(lon * d),
                             n * (1 - e2) * std::sin(lat * d), std::cos(lat * d)});
        }
    double totalWeight = 0;
    for (const C &c : cells)
        totalWeight += c.w;
    const int steps = int(std::floor(options.durationSeconds / options.stepSeconds + 1e-9)) + 1;
    std::vector<int> run(cells.size(), 0);
    int longest = 0;
    Brute b;
    for (int k = 0; k < steps; ++k) {
        const double fraction = options.startJdFraction + k * options.stepSeconds / 86400.0;
        std::vector<std::array<double, 3>> positions;
        for (const Sgp4 &s : satellites) {
            State state;
            const double minutes = ((options.startJd - s.elements().epochJd) +
                                    (fraction - s.elements().epochJdFraction)) *
                                   1440.0;
            if (s.propagate(minutes, state) == Sgp4Error::None)
                positions.push_back(temeToEcef(state.r, options.startJd + fraction));
        }
        double covered = 0, inView = 0;
        for (size_t c = 0; c < cells.size(); ++c) {
            const C &cell = cells[c];
            const double ux = std::cos(cell.lat * d) * std::cos(cell.lon * d);
            const double uy = std::cos(cell.lat * d) * std::sin(cell.lon * d);
            const double uz = std::sin(cell.lat * d);
            int n = 0;
            for (const auto &p : positions) {
                const double dx = p[0] - cell.x, dy = p[1] - cell.y, dz = p[2] - cell.z;
                const double elevation =
                    std::asin((dx * ux + dy * uy + dz * uz) / std::hypot(dx, dy, dz)) / d;
                // The GSL rule as plainly as it reads: elevation and/or straight-line distance.
                const bool elevated =
                    !options.gsl.minElevationDeg || elevation >= *options.gsl.minElevationDeg;
                const bool near =
                    !options.gsl.maxRangeKm || std::hypot(dx, dy, dz) <= *options.gsl.maxRangeKm;
                if (elevated && near)
                    ++n;
            }
            b.minInView = std::min(b.minInView, n);
            inView += n * cell.w;
            if (n > 0) {
                covered += cell.w;
                run[c] = 0;
            } else {
                longest = std::max(longest, ++run[c]);
            }
        }
        const double percent = 100.0 * covered / totalWeight;
        b.meanPercent += percent / steps;
        b.minPercent = std::min(b.minPercent, percent);
        b.meanInView += inView / totalWeight / steps;
    }
    b.maxGapSeconds = longest * options.stepSeconds;
    return b;
}

} // namespace

void TestSatellite::coverageEqualsBruteForce_data()
{
    QTest::addColumn<QString>("shell");
    QTest::addColumn<double>("elevation"); // below 0: no elevation rule
    QTest::addColumn<double>("range");     // 0: no range rule
    QTest::addColumn<double>("grid");
    QTest::addColumn<QString>("box");
    QTest::addColumn<double>("eccentricity"); // given to every satellite, with drag
    // Sparse shells leave gaps (the interesting case for runs across thread blocks).
    QTest::newRow("sparse 1200 km")
        << u"12/3/1:53:1200"_qs << 10.0 << 0.0 << 2.0 << u"100,20,120,40"_qs << 0.0;
    QTest::newRow("polar 800 km") << u"24/6/2:86:800"_qs << 20.0 << 0.0 << 3.0 << u"-20,50,40,80"_qs
                                  << 0.0;
    // Eccentric orbits with drag: the rough look before SGP4 must not lose a satellite.
    QTest::newRow("eccentric 1500 km")
        << u"40/8/3:60:1500"_qs << 10.0 << 0.0 << 2.0 << u"60,-30,140,40"_qs << 0.08;
    QTest::newRow("TLE snapshot") << QString() << 25.0 << 0.0 << 2.0 << u"73,18,135,54"_qs << 0.0;
    QTest::newRow("starlink-like")
        << u"1584/72/17:53:550"_qs << 25.0 << 0.0 << 2.0 << u"73,18,135,54"_qs << 0.0;
    QTest::newRow("antimeridian") << u"60/6/1:70:700"_qs << 15.0 << 0.0 << 2.0
                                  << u"170,-10,190,10"_qs << 0.0;
    // Hypatia's rule: a slant range alone (its Starlink figure), both limits, a range past the
    // horizon (Hypatia links through the Earth there), eccentric orbits for the first look.
    QTest::newRow("550 km, Hypatia's Starlink range")
        << u"396/18/5:53:550"_qs << -1.0 << 1089.686 << 2.0 << u"73,18,135,54"_qs << 0.0;
    QTest::newRow("sparse 1200 km, range and elevation")
        << u"12/3/1:53:1200"_qs << 10.0 << 2500.0 << 2.0 << u"100,20,120,40"_qs << 0.0;
    QTest::newRow("polar 800 km, range past the horizon")
        << u"24/6/2:86:800"_qs << -1.0 << 4500.0 << 3.0 << u"-20,50,40,80"_qs << 0.0;
    QTest::newRow("eccentric 1500 km, range")
        << u"40/8/3:60:1500"_qs << -1.0 << 2500.0 << 2.0 << u"60,-30,140,40"_qs << 0.08;
    QTest::newRow("TLE snapshot, range")
        << QString() << -1.0 << 1200.0 << 2.0 << u"73,18,135,54"_qs << 0.0;
    QTest::newRow("antimeridian, range")
        << u"60/6/1:70:700"_qs << -1.0 << 1500.0 << 2.0 << u"170,-10,190,10"_qs << 0.0;
}

void TestSatellite::coverageEqualsBruteForce()
{
    QFETCH(QString, shell);
    QFETCH(double, elevation);
    QFETCH(double, range);
    QFETCH(double, grid);
    QFETCH(QString, box);
    QFETCH(double, eccentricity);
    CoverageOptions options;
    options.gsl.minElevationDeg = elevation >= 0.0 ? std::optional(elevation) : std::nullopt;
    options.gsl.maxRangeKm = range > 0.0 ? std::optional(range) : std::nullopt;
    options.gridDeg = grid;
    options.durationSeconds = 3 * 3600;
    options.stepSeconds = 60;
    julianDate(2024, 1, 13, 0, 0, 0.0, options.startJd, options.startJdFraction);
    std::vector<Sgp4> satellites;
    if (shell.isEmpty()) { // every 12th satellite of the Starlink snapshot, own epochs
        const TleSet set = readTleFile(QStringLiteral(NQI_SHARED_DIR "/datasets/tle/starlink.txt"));
        for (qsizetype i = 0; i < set.records.size(); i += 12)
            satellites.emplace_back(set.records[i].elements);
    } else {
        for (MeanElements e : nqi::planners::satellite::walkerShell(
                 parseWalker(shell), options.startJd, options.startJdFraction)) {
            if (eccentricity > 0.0) {
                e.eccentricity = eccentricity;
                e.argPerigeeRad = 0.37 * e.satnum;
                e.bstar = 2e-4;
            }
            satellites.emplace_back(e);
        }
    }
    const QStringList b = box.split(u',');
    Area area;
    area.westDeg = b[0].toDouble();
    area.southDeg = b[1].toDouble();
    area.eastDeg = b[2].toDouble();
    area.northDeg = b[3].toDouble();
    const Brute brute = bruteForce(satellites, area, options);
    if (area.eastDeg > 180.0) // the same box as the library sees it: west 170, east -170
        area.eastDeg -= 360.0;
    nqi::planners::Progress progress;
    CoverageResult first;
    for (int threads : {1, 2, 7}) {
        const CoverageResult r = coverage(satellites, area, options, progress, threads);
        QVERIFY2(std::fabs(r.meanPercent - brute.meanPercent) < 1e-9,
                 qPrintable(u"%1 vs %2"_qs.arg(r.meanPercent).arg(brute.meanPercent)));
        QVERIFY(std::fabs(r.minPercent - brute.minPercent) < 1e-9);
        QCOMPARE(r.maxGapSeconds, brute.maxGapSeconds);
        QVERIFY(std::fabs(r.meanSatellitesInView - brute.meanInView) < 1e-9);
        QCOMPARE(r.minSatellitesInView, brute.minInView);
        QCOMPARE(r.steps, 181);
        if (threads == 1)
            first = r;
        QCOMPARE(r.percentByStep, first.percentByStep);
        QCOMPARE(r.cellCoveredFraction, first.cellCoveredFraction);
    }
    qInfo("mean %.3f%%, min %.3f%%, longest gap %g s, mean in view %.3f", brute.meanPercent,
          brute.minPercent, brute.maxGapSeconds, brute.meanInView);
}

void TestSatellite::coverageOfARegionPolygon()
{
    // A triangle keeps the cells whose centres fall inside it; a hole takes them away again.
    Area area = Area::fromRings(u"triangle"_qs, {{{0, 0}, {0, 10}, {10, 0}}});
    QCOMPARE(area.eastDeg, 10.0);
    QCOMPARE(area.northDeg, 10.0);
    CoverageOptions options;
    options.gridDeg = 1.0;
    options.durationSeconds = 0;
    julianDate(2024, 1, 13, 0, 0, 0.0, options.startJd, options.startJdFraction);
    std::vector<Sgp4> satellites;
    for (const MeanElements &e : nqi::planners::satellite::walkerShell(
             parseWalker(u"12/3/1:53:1200"_qs), options.startJd, options.startJdFraction))
        satellites.emplace_back(e);
    nqi::planners::Progress progress;
    QCOMPARE(coverage(satellites, area, options, progress).cells, 45); // 10 * 9 / 2
    area.rings.append({{2, 2}, {2, 4}, {4, 4}, {4, 2}});
    QCOMPARE(coverage(satellites, area, options, progress).cells, 41);
}

void TestSatellite::geostationarySubPoint()
{
    // A geostationary satellite stays over its longitude: TEME to Earth-fixed by GMST.
    MeanElements e;
    julianDate(2024, 1, 13, 0, 0, 0.0, e.epochJd, e.epochJdFraction);
    e.meanMotionRadPerMin = 1.00273791 * 2.0 * std::numbers::pi / 1440.0;
    e.raanRad = gmst(e.epochJulian()) + 100.0 * std::numbers::pi / 180.0; // over 100 E
    const Sgp4 satellite(e);
    for (double minutes : {0.0, 360.0, 720.0, 1440.0}) {
        State s;
        QCOMPARE(satellite.propagate(minutes, s), Sgp4Error::None);
        const auto p = subPoint(temeToEcef(s.r, e.epochJulian() + minutes / 1440.0));
        QVERIFY2(std::fabs(p.longitudeDeg - 100.0) < 0.1,
                 qPrintable(QString::number(p.longitudeDeg)));
        QVERIFY2(std::fabs(p.latitudeDeg) < 0.05, qPrintable(QString::number(p.latitudeDeg)));
    }
    // Seen from under it the satellite is at the zenith: the area right below is covered.
    CoverageOptions options;
    options.startJd = e.epochJd;
    options.startJdFraction = e.epochJdFraction;
    options.durationSeconds = 3600;
    options.gsl.minElevationDeg = 80;
    Area area;
    area.westDeg = 98;
    area.eastDeg = 102;
    area.southDeg = -2;
    area.northDeg = 2;
    nqi::planners::Progress progress;
    const CoverageResult r = coverage({satellite}, area, options, progress);
    QCOMPARE(r.minPercent, 100.0);
    QCOMPARE(r.minSatellitesInView, 1);
}

void TestSatellite::coverageRefusesNonsense()
{
    nqi::planners::Progress progress;
    CoverageOptions options;
    Area area;
    area.westDeg = 0;
    area.eastDeg = 10;
    area.southDeg = 10;
    area.northDeg = 0; // south of north
    QVERIFY_THROWS_EXCEPTION(nqi::core::Failure, coverage({}, area, options, progress));
    area.northDeg = 20;
    options.gridDeg = 0;
    QVERIFY_THROWS_EXCEPTION(nqi::core::Failure, coverage({}, area, options, progress));
    options.gridDeg = 1;
    options.gsl.minElevationDeg = 95;
    QVERIFY_THROWS_EXCEPTION(nqi::core::Failure, coverage({}, area, options, progress));
    options.gsl.minElevationDeg = std::nullopt; // no rule at all
    QVERIFY_THROWS_EXCEPTION(nqi::core::Failure, coverage({}, area, options, progress));
    options.gsl.maxRangeKm = 0.0;
    QVERIFY_THROWS_EXCEPTION(nqi::core::Failure, coverage({}, area, options, progress));
    options.gsl = GslRule{10.0, std::nullopt};
    options.stepSeconds = 0;
    QVERIFY_THROWS_EXCEPTION(nqi::core::Failure, coverage({}, area, options, progress));
    // Cancelled: no result.
    options.stepSeconds = 60;
    std::vector<Sgp4> satellites;
    for (const MeanElements &e :
         nqi::planners::satellite::walkerShell(parseWalker(u"12/3/1:53:1200"_qs), 2460322.0, 0.0))
        satellites.emplace_back(e);
    progress.cancel();
    QVERIFY_THROWS_EXCEPTION(nqi::planners::Cancelled,
                             coverage(satellites, area, options, progress));
}

namespace {

std::vector<Sgp4>
shellSatellites(const QString &text, const TimeGrid &grid, std::vector<WalkerGrid> *grids = nullptr)
{
    const nqi::core::WalkerShell shell = parseWalker(text);
    if (grids)
        grids->push_back({0, shell.planes, shell.totalSatellites / shell.planes});
    std::vector<Sgp4> satellites;
    for (const MeanElements &e :
         nqi::planners::satellite::walkerShell(shell, grid.startJd, grid.startJdFraction))
        satellites.emplace_back(e);
    return satellites;
}

} // namespace

// Path latency against a brute force: every satellite seen from both ends for the bent pipe;
// Floyd-Warshall over ground, satellites and inter-satellite links for the other path. Each
// rule written out plainly: elevation from the ellipsoid normal, range as a straight line;
// nqi's +Grid without links passing within 80 km of a 6,371 km sphere; Hypatia's pairing
// (slot j of plane i to slot j+1 and to slot j+shift of plane i+1) without links longer than
// 2 sqrt((R + h)^2 - (R + 80)^2), R = 6,378.135 km.
void TestSatellite::bentPipeAndIslEqualBruteForce_data()
{
    QTest::addColumn<double>("elevation"); // below 0: no elevation rule
    QTest::addColumn<double>("range");     // 0: no range rule
    QTest::addColumn<QString>("pairing");
    QTest::addColumn<int>("shift");
    QTest::newRow("elevation, +Grid") << 10.0 << 0.0 << u"plus-grid"_qs << 0;
    QTest::newRow("range, +Grid") << -1.0 << 2500.0 << u"plus-grid"_qs << 0;
    QTest::newRow("range and elevation, +Grid") << 10.0 << 2500.0 << u"plus-grid"_qs << 0;
    QTest::newRow("range past the horizon, Hypatia") << -1.0 << 5000.0 << u"hypatia"_qs << 0;
    QTest::newRow("elevation, Hypatia shift 1") << 10.0 << 0.0 << u"hypatia"_qs << 1;
    QTest::newRow("range, Hypatia shift 5") << -1.0 << 3000.0 << u"hypatia"_qs << 5;
}

void TestSatellite::bentPipeAndIslEqualBruteForce()
{
    QFETCH(double, elevation);
    QFETCH(double, range);
    QFETCH(QString, pairing);
    QFETCH(int, shift);
    TimeGrid grid;
    julianDate(2024, 1, 13, 0, 0, 0.0, grid.startJd, grid.startJdFraction);
    grid.durationSeconds = 2 * 3600;
    grid.stepSeconds = 300;
    grid.gsl.minElevationDeg = elevation >= 0.0 ? std::optional(elevation) : std::nullopt;
    grid.gsl.maxRangeKm = range > 0.0 ? std::optional(range) : std::nullopt;
    std::vector<WalkerGrid> grids;
    const std::vector<Sgp4> satellites = shellSatellites(u"36/6/1:53:1200"_qs, grid, &grids);
    const bool hypatia = pairing == u"hypatia"_qs;
    grids[0].altitudeKm = 1200.0;
    grids[0].pairing = *islPairingFromName(pairing);
    grids[0].shift = shift;
    const GroundPoint beijing{u"Beijing"_qs, 39.9, 116.4, 0.0};
    const GroundPoint shanghai{u"Shanghai"_qs, 31.2, 121.5, 0.0};
    nqi::planners::Progress progress;
    const PathResult result = pathLatency(satellites, beijing, shanghai, grid, grids, progress);
    QCOMPARE(int(result.bentPipeMs.size()), grid.steps());
    QVERIFY(std::fabs(result.greatCircleKm - 1067.0) < 5.0);
    QCOMPARE(result.islLinks, 72);
    const double d = std::numbers::pi / 180.0;
    auto position = [](const GroundPoint &g) {
        return groundPosition(g);
    };
    const auto a = position(beijing), b = position(shanghai);
    auto dist = [](const std::array<double, 3> &p, const std::array<double, 3> &q) {
        return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
    };
    auto elevationOf = [d](const std::array<double, 3> &ground, const GroundPoint &g,
                           const std::array<double, 3> &s) {
        const double ux = std::cos(g.latitudeDeg * d) * std::cos(g.longitudeDeg * d);
        const double uy = std::cos(g.latitudeDeg * d) * std::sin(g.longitudeDeg * d);
        const double uz = std::sin(g.latitudeDeg * d);
        const double dx = s[0] - ground[0], dy = s[1] - ground[1], dz = s[2] - ground[2];
        return std::asin((dx * ux + dy * uy + dz * uz) / std::hypot(dx, dy, dz)) / d;
    };
    auto linked = [&](const std::array<double, 3> &ground, const GroundPoint &g,
                      const std::array<double, 3> &s) {
        return (elevation < 0.0 || elevationOf(ground, g, s) >= elevation) &&
               (range <= 0.0 || dist(ground, s) <= range);
    };
    const double hypatiaMaxIsl =
        2.0 * std::sqrt(std::pow(6378.135 + 1200.0, 2) - std::pow(6378.135 + 80.0, 2));
    std::set<std::pair<int, int>> leftOut;
    int bentSteps = 0, islSteps = 0, belowHorizon = 0;
    for (int k = 0; k < grid.steps(); ++k) {
        const double fraction = grid.startJdFraction + k * grid.stepSeconds / 86400.0;
        std::vector<std::array<double, 3>> p;
        for (const Sgp4 &s : satellites) {
            State state;
            QCOMPARE(s.propagate(((grid.startJd - s.elements().epochJd) +
                                  (fraction - s.elements().epochJdFraction)) *
                                     1440.0,
                                 state),
                     Sgp4Error::None);
            p.push_back(temeToEcef(state.r, grid.startJd + fraction));
        }
        const int n = int(p.size());
        // Nodes 0..n-1 satellites, n ground A, n+1 ground B.
        const double inf = std::numeric_limits<double>::infinity();
        std::vector<std::vector<double>> w(size_t(n + 2), std::vector<double>(size_t(n + 2), inf));
        double bent = inf;
        for (int i = 0; i < n; ++i) {
            const bool seenA = linked(a, beijing, p[size_t(i)]);
            const bool seenB = linked(b, shanghai, p[size_t(i)]);
            if (seenA)
                w[size_t(n)][size_t(i)] = w[size_t(i)][size_t(n)] = dist(a, p[size_t(i)]);
            if (seenB)
                w[size_t(n + 1)][size_t(i)] = w[size_t(i)][size_t(n + 1)] = dist(b, p[size_t(i)]);
            if (seenA && seenB)
                bent = std::min(bent, dist(a, p[size_t(i)]) + dist(b, p[size_t(i)]));
            if (seenA && elevationOf(a, beijing, p[size_t(i)]) < 0.0)
                ++belowHorizon;
        }
        for (int plane = 0; plane < 6; ++plane) {
            for (int slot = 0; slot < 6; ++slot) {
                const int i = plane * 6 + slot;
                const int nextPlane = ((plane + 1) % 6) * 6 + (slot + (hypatia ? shift : 0)) % 6;
                for (const int j : {plane * 6 + (slot + 1) % 6, nextPlane}) {
                    const auto &x = p[size_t(i)], &y = p[size_t(j)];
                    bool kept = false;
                    if (hypatia) {
                        kept = dist(x, y) <= hypatiaMaxIsl;
                    } else { // links grazing the atmosphere (within 80 km of the surface) out
                        const std::array<double, 3> v{y[0] - x[0], y[1] - x[1], y[2] - x[2]};
                        const double t = std::clamp(-(x[0] * v[0] + x[1] * v[1] + x[2] * v[2]) /
                                                        (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]),
                                                    0.0, 1.0);
                        kept = std::hypot(x[0] + t * v[0], x[1] + t * v[1], x[2] + t * v[2]) >=
                               6371.0 + 80.0;
                    }
                    if (kept)
                        w[size_t(i)][size_t(j)] = w[size_t(j)][size_t(i)] = dist(x, y);
                    else
                        leftOut.insert({std::min(i, j), std::max(i, j)});
                }
            }
        }
        for (int m = 0; m < n + 2; ++m)
            for (int i = 0; i < n + 2; ++i)
                for (int j = 0; j < n + 2; ++j)
                    w[size_t(i)][size_t(j)] = std::min(
                        w[size_t(i)][size_t(j)], w[size_t(i)][size_t(m)] + w[size_t(m)][size_t(j)]);
        const double isl = w[size_t(n)][size_t(n + 1)];
        const double c = lightKmPerS / 1000.0; // km per ms
        if (std::isfinite(bent)) {
            ++bentSteps;
            QVERIFY(std::fabs(result.bentPipeMs[size_t(k)] - bent / c) < 1e-9);
        } else {
            QVERIFY(std::isnan(result.bentPipeMs[size_t(k)]));
        }
        if (std::isfinite(isl)) {
            ++islSteps;
            QVERIFY2(std::fabs(result.islMs[size_t(k)] - isl / c) < 1e-9,
                     qPrintable(
                         u"step %1: %2 vs %3"_qs.arg(k).arg(result.islMs[size_t(k)]).arg(isl / c)));
            // Never faster than light along the ground, never slower than the bent pipe.
            QVERIFY(result.islMs[size_t(k)] >= result.greatCircleKm / c);
            if (std::isfinite(bent))
                QVERIFY(result.islMs[size_t(k)] <= result.bentPipeMs[size_t(k)] + 1e-12);
        } else {
            QVERIFY(std::isnan(result.islMs[size_t(k)]));
        }
    }
    QVERIFY(bentSteps > 0);
    QVERIFY(islSteps >= bentSteps); // a satellite both ends see is a path of one hop
    QCOMPARE(result.bentPipe.availablePercent, 100.0 * bentSteps / grid.steps());
    QCOMPARE(result.isl.availablePercent, 100.0 * islSteps / grid.steps());
    QCOMPARE(result.islLinksLeftOut, int(leftOut.size()));
    // The range rule alone links satellites below the horizon when the range reaches past it
    // (about 4,090 km for a 1,200 km shell), as Hypatia does.
    QCOMPARE(belowHorizon > 0, elevation < 0.0 && range > 4100.0);
    qInfo("bent pipe %d, ISL %d of %d steps; %d links left out at some step", bentSteps, islSteps,
          grid.steps(), int(leftOut.size()));
}

// Each pass's acquisition and loss of signal, found by bisection, sit where the elevation
// crosses the minimum (within the 1 s the bisection stops at).
void TestSatellite::visibilityWindowsEdges()
{
    TimeGrid grid;
    julianDate(2024, 1, 13, 0, 0, 0.0, grid.startJd, grid.startJdFraction);
    grid.durationSeconds = 6 * 3600;
    grid.stepSeconds = 60;
    grid.gsl.minElevationDeg = 20;
    const std::vector<Sgp4> satellites = shellSatellites(u"36/6/1:53:1200"_qs, grid);
    const GroundPoint kashgar{u"Kashgar"_qs, 39.5, 76.0, 1.3};
    nqi::planners::Progress progress;
    const VisibilityResult result = visibility(satellites, kashgar, grid, progress);
    QVERIFY(result.windows.size() > 5);
    const auto g = groundPosition(kashgar);
    const double d = std::numbers::pi / 180.0;
    auto elevationAt = [&](const Sgp4 &s, double seconds) {
        const double fraction = grid.startJdFraction + seconds / 86400.0;
        State state;
        s.propagate(
            ((grid.startJd - s.elements().epochJd) + (fraction - s.elements().epochJdFraction)) *
                1440.0,
            state);
        const auto p = temeToEcef(state.r, grid.startJd + fraction);
        const double ux = std::cos(kashgar.latitudeDeg * d) * std::cos(kashgar.longitudeDeg * d);
        const double uy = std::cos(kashgar.latitudeDeg * d) * std::sin(kashgar.longitudeDeg * d);
        const double uz = std::sin(kashgar.latitudeDeg * d);
        const double dx = p[0] - g[0], dy = p[1] - g[1], dz = p[2] - g[2];
        return std::asin((dx * ux + dy * uy + dz * uz) / std::hypot(dx, dy, dz)) / d;
    };
    double previousAos = -1.0;
    for (const VisibilityWindow &w : result.windows) {
        QVERIFY(w.aosSeconds >= previousAos);
        previousAos = w.aosSeconds;
        QVERIFY(w.losSeconds > w.aosSeconds);
        const Sgp4 &s = satellites[size_t(w.satellite)];
        QCOMPARE(s.elements().satnum, w.satnum);
        QVERIFY(w.maxElevationDeg >= 20.0 && w.maxElevationDeg <= 90.0);
        if (w.aosSeconds > 0.0) {
            QVERIFY(elevationAt(s, w.aosSeconds) >= 20.0);
            QVERIFY(elevationAt(s, w.aosSeconds - 1.0) < 20.0);
        }
        if (w.losSeconds < grid.durationSeconds) {
            QVERIFY(elevationAt(s, w.losSeconds) >= 20.0);
            QVERIFY(elevationAt(s, w.losSeconds + 1.0) < 20.0);
        }
    }
    QVERIFY(result.visiblePercent > 0.0 && result.visiblePercent <= 100.0);
}

// The terrestrial figure beside the satellite paths is the latency planner's fastest path.
void TestSatellite::fibreLatencyIsTheFastestPath()
{
    nqi::core::Network network;
    nqi::core::Site a, b, c;
    a.code = u"A"_qs;
    a.name = u"A"_qs;
    a.latitudeDeg = 30;
    a.longitudeDeg = 100;
    a.kind = nqi::core::SiteKind::NationalHub;
    b = a;
    b.code = b.name = u"B"_qs;
    b.longitudeDeg = 110;
    c = a;
    c.code = c.name = u"C"_qs;
    c.latitudeDeg = 35;
    c.longitudeDeg = 105;
    a.id = network.addSite(a);
    b.id = network.addSite(b);
    c.id = network.addSite(c);
    nqi::core::Link ab, ac, cb, feeder;
    ab.siteA = a.id;
    ab.siteB = b.id;
    ab.capacityGbps = 100;
    ab.lengthKm = 3000; // a long way round
    ac = ab;
    ac.siteB = c.id;
    ac.lengthKm = 700;
    cb = ab;
    cb.siteA = c.id;
    cb.lengthKm = 800;
    feeder = ab;
    feeder.lengthKm = 10;
    feeder.medium = nqi::core::LinkMedium::SatelliteFeeder; // not terrestrial
    for (nqi::core::Link *l : {&ab, &ac, &cb, &feeder})
        l->id = network.addLink(*l);
    const auto ms = fibreLatencyMs(network, a.id, b.id);
    QVERIFY(ms.has_value());
    QVERIFY(std::fabs(*ms - (network.latencyMs(ac) + network.latencyMs(cb))) < 1e-12);
    nqi::planners::Progress progress;
    nqi::planners::latency::Options options;
    options.pairKinds = {nqi::core::SiteKind::NationalHub};
    network.removeLink(feeder.id);
    const auto latency = nqi::planners::latency::run(network, options, progress);
    bool compared = false;
    for (const auto &pair : latency.pairs)
        if ((pair.a == a.id && pair.b == b.id) || (pair.a == b.id && pair.b == a.id)) {
            QVERIFY(std::fabs(pair.fastestMs - *ms) < 1e-9);
            compared = true;
        }
    QVERIFY(compared);
    QVERIFY(!fibreLatencyMs(network, a.id, 999).has_value());
}

// A window of years at 1 s overflowed the step count (an int) and aborted with
// std::length_error; every computation over a window now refuses more than kMaxSteps steps.
void TestSatellite::windowOfYearsAtOneSecondIsRefusedWithTheBound()
{
    nqi::planners::Progress progress;
    PlanOptions options;
    options.constellation.shells = {parseWalker(u"12/3/1:53:1200"_qs)};
    options.from = QDateTime(QDate(2000, 1, 1), QTime(0, 0), QTimeZone::utc());
    options.to = QDateTime(QDate(2030, 1, 1), QTime(0, 0), QTimeZone::utc());
    options.stepSeconds = 1.0;
    options.stations.append({u"BJ"_qs, 39.9, 116.4, 0.0});
    const QString expected =
        u"a window of 946771200 s sampled every 1 s is 946771201 steps, more than 1000000: "
        "choose a longer step (at least 947 s) or a shorter window"_qs;
    for (const bool withArea : {true, false}) {
        if (withArea)
            options.area = Area{u"box"_qs, 73, 18, 135, 54, {}};
        else
            options.area.reset();
        try {
            plan(options, progress);
            QFAIL("a window of 946,771,201 steps was accepted");
        } catch (const nqi::core::Failure &failure) {
            QCOMPARE(failure.diagnostic().message, expected);
        }
    }
    // Each computation checks on its own, for any front end that calls it.
    CoverageOptions coverageOptions;
    coverageOptions.durationSeconds = 946771200.0;
    coverageOptions.stepSeconds = 1.0;
    QVERIFY_THROWS_EXCEPTION(
        nqi::core::Failure, coverage(shellSatellites(u"12/3/1:53:1200"_qs, TimeGrid{}),
                                     Area{u"box"_qs, 0, 0, 10, 10, {}}, coverageOptions, progress));
    TimeGrid grid;
    grid.durationSeconds = 1e300;
    grid.stepSeconds = 1e-300;
    QVERIFY_THROWS_EXCEPTION(nqi::core::Failure, grid.steps());
    QCOMPARE(stepCount(86400.0, 60.0), 1441);
    QCOMPARE(stepCount(double(kMaxSteps - 1), 1.0), kMaxSteps);
}

// A Walker shell of 2,000,000,000 satellites grew to 22 GB and was killed; it is refused as it
// is read and again before any satellite is made.
void TestSatellite::walkerShellOfTwoBillionIsRefusedBeforeAnyIsMade()
{
    try {
        parseWalker(u"2000000000/1000/1:53:550"_qs);
        QFAIL("accepted");
    } catch (const nqi::core::Failure &failure) {
        QCOMPARE(failure.diagnostic().message,
                 u"Walker shell '2000000000/1000/1:53:550': T \"2000000000\" is out of range "
                 "1..500000"_qs);
    }
    try {
        parseWalker(u"99999999999/3/1:53:550"_qs); // was read as 0: "must be positive"
        QFAIL("accepted");
    } catch (const nqi::core::Failure &failure) {
        QVERIFY2(failure.diagnostic().message.contains(u"is out of range 1..500000"_qs),
                 qPrintable(failure.diagnostic().message));
    }
    nqi::core::Constellation huge;
    huge.name = u"huge"_qs;
    huge.shells = {{2000000000, 1000, 1, 53.0, 550.0}};
    try {
        constellationSatellites(huge, 2460322.0, 0.0);
        QFAIL("accepted");
    } catch (const nqi::core::Failure &failure) {
        QCOMPARE(failure.diagnostic().toString(),
                 u"huge: 2000000000 satellites are more than 500000, the most one constellation "
                 "may hold"_qs);
    }
}

void TestSatellite::coverageWorkIsBoundedBeforeItStarts()
{
    nqi::planners::Progress progress;
    const std::vector<Sgp4> satellites = shellSatellites(u"1584/72/17:53:550"_qs, TimeGrid{});
    CoverageOptions options;
    options.gridDeg = 0.1;
    options.durationSeconds = 999999.0; // 1,000,000 steps of 1 s
    options.stepSeconds = 1.0;
    try {
        coverage(satellites, Area{u"box"_qs, 75, 18, 135, 54, {}}, options, progress);
        QFAIL("accepted");
    } catch (const nqi::core::Failure &failure) {
        QCOMPARE(failure.diagnostic().message,
                 u"1000000 steps x 1584 satellites x 216000 cells are more than 1e+14 (about an "
                 "hour of computing): choose a longer step, a coarser grid, a shorter window or "
                 "a smaller area"_qs);
    }
}

// A 1 MB title was echoed whole into the message.
void TestSatellite::longTitleIsCutInMessages()
{
    const QString title(1000000, u'T');
    try {
        readTle(title + u"\n"_qs, u"t.tle"_qs, false);
        QFAIL("accepted");
    } catch (const nqi::core::Failure &failure) {
        const QString message = failure.diagnostic().toString();
        QVERIFY2(message.size() < 300, qPrintable(message.left(300)));
        QVERIFY2(message.contains(QString(80, u'T') + u"… (1000000 bytes)"_qs),
                 qPrintable(message.left(300)));
    }
    try {
        parseWalker(QString(1000000, u'9'));
        QFAIL("accepted");
    } catch (const nqi::core::Failure &failure) {
        QVERIFY(failure.diagnostic().message.size() < 300);
    }
}

// `nqi sgp4 --from 1e20 --to 1e20 --step 1` never ended (the step was below the times'
// resolution, so adding it changed nothing); a span of 1e12 minutes at 0.001 filled memory.
void TestSatellite::tabulationIsBoundedAndEnds()
{
    const TleSet set = readTle(u"1 25544U 98067A   24001.50000000  .00016717  00000-0  10270-3 0  "
                               "9005\n2 25544  51.6416 247.4627 0006703 130.5360 325.0288 "
                               "15.72125391 42101\n"_qs,
                               u"iss.tle"_qs, true);
    QCOMPARE(set.records.size(), 1);
    const Sgp4 satellite(set.records.constFirst().elements);
    QElapsedTimer timer;
    timer.start();
    const Ephemeris far = tabulate(satellite, 1e20, 1e20, 1.0);
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY(!far.minutes.empty());
    QCOMPARE(far.minutes.front(), 0.0); // the epoch
    try {
        tabulate(satellite, 0.0, 1e12, 1e-3);
        QFAIL("accepted");
    } catch (const nqi::core::Failure &failure) {
        QCOMPARE(failure.diagnostic().message,
                 u"0 to 1e+12 minutes every 0.001 is 1000000000000001 times, more than "
                 "1000000: choose a longer step or a shorter span"_qs);
    }
    // The verification driver's series is unchanged: epoch, start, start + step, ..., stop.
    const Ephemeris series = tabulate(satellite, 0.0, 1000.0, 360.0);
    QCOMPARE(series.minutes, (std::vector<double>{0.0, 360.0, 720.0, 1000.0}));
}

// A GSL rule needs a limit, and each limit its range; the messages name the value and bounds.
void TestSatellite::gslRuleRefusesNonsense_data()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::addColumn<double>("elevation"); // -1000: none
    QTest::addColumn<double>("range");     // -1000: none
    QTest::addColumn<QString>("message");
    QTest::newRow("no limit") << -1000.0 << -1000.0
                              << u"needs a minimum elevation, a maximum slant range or both"_qs;
    QTest::newRow("elevation below 0") << -5.0 << -1000.0 << u"-5 degrees is outside 0..90"_qs;
    QTest::newRow("elevation 90") << 90.0 << -1000.0 << u"90 degrees is outside 0..90"_qs;
    QTest::newRow("elevation NaN") << nan << 1000.0 << u"outside 0..90"_qs;
    QTest::newRow("range 0") << -1000.0 << 0.0 << u"slant range 0 km is outside"_qs;
    QTest::newRow("range negative") << 25.0 << -3.0 << u"slant range -3 km is outside"_qs;
    QTest::newRow("range NaN") << -1000.0 << nan << u"is outside 0..100000 km"_qs;
    QTest::newRow("range infinite") << -1000.0 << inf << u"is outside 0..100000 km"_qs;
    QTest::newRow("range beyond the bound") << -1000.0 << 100001.0 << u"100001 km is outside"_qs;
}

void TestSatellite::gslRuleRefusesNonsense()
{
    QFETCH(double, elevation);
    QFETCH(double, range);
    QFETCH(QString, message);
    GslRule rule;
    rule.minElevationDeg = elevation == -1000.0 ? std::nullopt : std::optional(elevation);
    rule.maxRangeKm = range == -1000.0 ? std::nullopt : std::optional(range);
    try {
        rule.check();
        QFAIL("accepted");
    } catch (const nqi::core::Failure &failure) {
        QVERIFY2(QString::fromUtf8(failure.what()).contains(message), failure.what());
    }
    // The limits themselves are accepted, alone or together.
    GslRule{0.0, std::nullopt}.check();
    GslRule{89.9, std::nullopt}.check();
    GslRule{std::nullopt, kMaxGslRangeKm}.check();
    GslRule{25.0, 1089.686}.check();
    // The pairings by name, as the command line takes them.
    QCOMPARE(islPairingFromName(u"plus-grid"), std::optional(IslPairing::PlusGrid));
    QCOMPARE(islPairingFromName(u"hypatia"), std::optional(IslPairing::Hypatia));
    for (const QString &bad : {u"Hypatia"_qs, u"grid"_qs, u""_qs, u"plus_grid"_qs})
        QVERIFY(!islPairingFromName(bad));
}

// The range that corresponds to an elevation, by the law of cosines in the triangle Earth's
// centre - ground point - satellite, whose angle at the ground point is 90 degrees plus the
// elevation: (R + h)^2 = R^2 + d^2 + 2 R d sin(e). The two rules draw the same footprint, and
// on the ground they agree on either side of that boundary.
void TestSatellite::gslRangeAndElevationAgreeAtTheBoundary()
{
    const double deg = std::numbers::pi / 180.0;
    auto rangeAt = [](double earthRadius, double h, double sinElevation) {
        return -earthRadius * sinElevation +
               std::sqrt(earthRadius * earthRadius * sinElevation * sinElevation +
                         2.0 * earthRadius * h + h * h);
    };
    const GroundPoint equator{u"equator"_qs, 0.0, 0.0, 0.0};
    for (double h : {550.0, 630.0, 1015.0, 1200.0, 35786.0}) {
        for (double e : {0.0, 10.0, 25.0, 30.0, 60.0, 89.0}) {
            const double range = rangeAt(6371.0, h, std::sin(e * deg));
            QVERIFY(std::fabs(slantRangeKm(h, e) - range) < 1e-6);
            QVERIFY2(std::fabs(elevationAtRangeDeg(h, range) - e) < 1e-9,
                     qPrintable(QString::number(elevationAtRangeDeg(h, range))));
            QVERIFY(std::fabs(rangeHalfAngleRad(h, range) - footprintHalfAngleRad(h, e)) < 1e-12);
            QVERIFY(std::fabs(footprintHalfAngleRad(h, GslRule{e, range}) -
                              footprintHalfAngleRad(h, e)) < 1e-12);
            QVERIFY(std::fabs(footprintRadiusKm(h, GslRule{std::nullopt, range}) -
                              footprintRadiusKm(h, e)) < 1e-6);

            // At the equator the ellipsoid normal is radial and the radius is WGS84's a: a
            // satellite at a + h just inside the boundary's central angle links under both
            // rules, just outside under neither, in any direction.
            const double a = 6378.137, r = a + h;
            const double boundaryRange = rangeAt(a, h, std::sin(e * deg));
            const double lambda =
                std::acos((a * a + r * r - boundaryRange * boundaryRange) / (2.0 * a * r));
            const GslRule byElevation{e, std::nullopt}, byRange{std::nullopt, boundaryRange};
            for (double f : {-0.5, -1e-6, 1e-6, 0.5}) {
                for (double azimuth : {0.0, 1.0, 2.5, 4.0}) {
                    const double angle = lambda * (1.0 + f);
                    const std::array<double, 3> satellite{r * std::cos(angle),
                                                          r * std::sin(angle) * std::cos(azimuth),
                                                          r * std::sin(angle) * std::sin(azimuth)};
                    const bool inside = f < 0.0;
                    QCOMPARE(gslLinked(byElevation, equator, satellite), inside);
                    QCOMPARE(gslLinked(byRange, equator, satellite), inside);
                    QCOMPARE(gslLinked(GslRule{e, boundaryRange}, equator, satellite), inside);
                }
            }
        }
    }
    // No ground point is closer than the altitude: nothing to link, no elevation.
    QCOMPARE(rangeHalfAngleRad(550.0, 500.0), 0.0);
    QVERIFY(std::isnan(elevationAtRangeDeg(550.0, 500.0)));
}

// Hypatia's satgenpy/satgen/isls/generate_plus_grid_isls.py, read by hand for 3 orbits of 4
// satellites and isl_shift 1: for orbit i and slot j, sat = 4i + j links to 4i + (j + 1) % 4
// in its orbit and to ((i + 1) % 3) * 4 + (j + 1) % 4 in the next, each pair written smaller
// first, in that order; idx_offset adds to every index.
void TestSatellite::hypatiaIslPairsMatchItsGenerator()
{
    const std::vector<std::pair<int, int>> expected{
        {0, 1}, {0, 5}, {1, 2},  {1, 6},  {2, 3},   {2, 7},  {0, 3},  {3, 4},
        {4, 5}, {4, 9}, {5, 6},  {5, 10}, {6, 7},   {6, 11}, {4, 7},  {7, 8},
        {8, 9}, {1, 8}, {9, 10}, {2, 9},  {10, 11}, {3, 10}, {8, 11}, {0, 11}};
    WalkerGrid grid{0, 3, 4, 630.0, IslPairing::Hypatia, 1};
    QCOMPARE(islLinks(grid, 12), expected);
    grid.first = 36; // a second shell after a first of 36 satellites: idx_offset 36
    std::vector<std::pair<int, int>> offset;
    for (const auto &[a, b] : expected)
        offset.emplace_back(a + 36, b + 36);
    QCOMPARE(islLinks(grid, 48), offset);

    // With isl_shift 0, as Hypatia's paper runs it, its pairs are nqi's +Grid's; every
    // satellite has four distinct links (Hypatia's test_isls_plus_grid: 2 x satellites pairs).
    for (const auto &[planes, perPlane] :
         {std::pair{3, 3}, std::pair{5, 7}, std::pair{34, 34}, std::pair{72, 22}}) {
        auto sorted = [](std::vector<std::pair<int, int>> links) {
            std::sort(links.begin(), links.end());
            return links;
        };
        const size_t count = size_t(planes) * size_t(perPlane);
        const auto hypatia =
            sorted(islLinks({0, planes, perPlane, 550.0, IslPairing::Hypatia, 0}, count));
        QCOMPARE(hypatia.size(), 2 * count);
        QVERIFY(std::adjacent_find(hypatia.begin(), hypatia.end()) == hypatia.end());
        QCOMPARE(hypatia, sorted(islLinks({0, planes, perPlane, 550.0}, count)));
    }

    // Hypatia refuses fewer than 3 orbits or 3 satellites per orbit (its
    // test_isls_plus_grid_invalid: 2 x 2, 3 x 2, 1 x 1); nqi's +Grid makes the links there are.
    for (const auto &[planes, perPlane, plusGridLinks] :
         {std::tuple{2, 2, 4}, std::tuple{3, 2, 9}, std::tuple{1, 1, 0}}) {
        const size_t count = size_t(planes) * size_t(perPlane);
        try {
            islLinks({0, planes, perPlane, 550.0, IslPairing::Hypatia, 0}, count);
            QFAIL("a shell too small for Hypatia's pairing accepted");
        } catch (const nqi::core::Failure &failure) {
            QVERIFY2(QString::fromUtf8(failure.what()).contains(u"at least 3 planes"_qs),
                     failure.what());
        }
        QCOMPARE(int(islLinks({0, planes, perPlane, 550.0}, count).size()), plusGridLinks);
    }
    // The shift is a slot of the plane; a grid must lie inside the constellation.
    for (int shift : {-1, 4})
        QVERIFY_THROWS_EXCEPTION(nqi::core::Failure,
                                 islLinks({0, 3, 4, 630.0, IslPairing::Hypatia, shift}, 12));
    QVERIFY_THROWS_EXCEPTION(nqi::core::Failure, islLinks({0, 3, 4, 630.0}, 11));
}

// The lengths Hypatia's paper runs with, from its scripts (snkas/hypatia,
// paper/satellite_networks_state/main_starlink_550.py, main_kuiper_630.py,
// main_telesat_1015.py):
//   MAX_ISL_LENGTH_M = 2 sqrt((6378135 + h)^2 - (6378135 + 80000)^2): 5,016,591.233 m for
//   Starlink at 550 km, 5,442,958.203 m for Kuiper at 630 km, 7,197,482.185 m for Telesat at
//   1,015 km;
//   MAX_GSL_LENGTH_M = sqrt(cone radius^2 + h^2), a flat Earth: 1,089,686.418 m for Starlink
//   with the 940.7 km cone radius of SpaceX's filing at 25 degrees (satgenpy/README.md's
//   description.txt example: max_gsl_length_m=1089686), 1,260,000 m for Kuiper (cone radius
//   h / tan 30 degrees), 5,845,152.040 m for Telesat (h / tan 10 degrees).
void TestSatellite::hypatiaPublishedLengths()
{
    QVERIFY(std::fabs(hypatiaMaxIslLengthKm(550.0) - 5016.591233) < 1e-6);
    QVERIFY(std::fabs(hypatiaMaxIslLengthKm(630.0) - 5442.958203) < 1e-6);
    QVERIFY(std::fabs(hypatiaMaxIslLengthKm(1015.0) - 7197.482185) < 1e-6);
    // nqi's footprint at 550 km and 25 degrees is SpaceX's cone radius to 0.2 km, so Hypatia's
    // Starlink GSL length follows from it, on Hypatia's flat Earth, to 0.15 km.
    QVERIFY(std::fabs(footprintRadiusKm(550.0, 25.0) - 940.7) < 0.2);
    QVERIFY(std::fabs(std::hypot(footprintRadiusKm(550.0, 25.0), 550.0) - 1089.686418) < 0.15);
    // On the sphere those lengths are other elevations: Hypatia's Starlink range is 26.2
    // degrees (25 degrees is 1,123.3 km away), its Kuiper range 25.2 degrees (30 degrees:
    // 1,124.0 km), its Telesat range reaches 15.7 degrees below the horizon (10 degrees:
    // 2,790.8 km).
    QVERIFY(std::fabs(elevationAtRangeDeg(550.0, 1089.686418) - 26.168) < 0.001);
    QVERIFY(std::fabs(slantRangeKm(550.0, 25.0) - 1123.277) < 0.001);
    QVERIFY(std::fabs(elevationAtRangeDeg(630.0, 1260.0) - 25.204) < 0.001);
    QVERIFY(std::fabs(slantRangeKm(630.0, 30.0) - 1123.998) < 0.001);
    QVERIFY(std::fabs(elevationAtRangeDeg(1015.0, 5845.152040) + 15.739) < 0.001);
    QVERIFY(std::fabs(slantRangeKm(1015.0, 10.0) - 2790.774) < 0.001);
}

// Passes under the range rule: acquisition and loss sit where the distance crosses the range
// (within the 1 s the bisection stops at).
void TestSatellite::visibilityWindowsUnderTheRangeRule()
{
    TimeGrid grid;
    julianDate(2024, 1, 13, 0, 0, 0.0, grid.startJd, grid.startJdFraction);
    grid.durationSeconds = 6 * 3600;
    grid.stepSeconds = 60;
    grid.gsl = GslRule{std::nullopt, 2500.0};
    const std::vector<Sgp4> satellites = shellSatellites(u"36/6/1:53:1200"_qs, grid);
    const GroundPoint kashgar{u"Kashgar"_qs, 39.5, 76.0, 1.3};
    nqi::planners::Progress progress;
    const VisibilityResult result = visibility(satellites, kashgar, grid, progress);
    QVERIFY(result.windows.size() > 5);
    const auto g = groundPosition(kashgar);
    auto rangeAt = [&](const Sgp4 &s, double seconds) {
        const double fraction = grid.startJdFraction + seconds / 86400.0;
        State state;
        s.propagate(
            ((grid.startJd - s.elements().epochJd) + (fraction - s.elements().epochJdFraction)) *
                1440.0,
            state);
        const auto p = temeToEcef(state.r, grid.startJd + fraction);
        return std::hypot(p[0] - g[0], p[1] - g[1], p[2] - g[2]);
    };
    for (const VisibilityWindow &w : result.windows) {
        const Sgp4 &s = satellites[size_t(w.satellite)];
        // 2,500 km from a 1,200 km shell is about 18 degrees elevation.
        QVERIFY(w.maxElevationDeg >= 17.0 && w.maxElevationDeg <= 90.0);
        if (w.aosSeconds > 0.0) {
            QVERIFY(rangeAt(s, w.aosSeconds) <= 2500.0);
            QVERIFY(rangeAt(s, w.aosSeconds - 1.0) > 2500.0);
        }
        if (w.losSeconds < grid.durationSeconds) {
            QVERIFY(rangeAt(s, w.losSeconds) <= 2500.0);
            QVERIFY(rangeAt(s, w.losSeconds + 1.0) > 2500.0);
        }
    }
}

// plan() carries the GSL rule and the pairing into the result and its JSON, and refuses what
// cannot be computed before it computes.
// A project's constellation keeps Hypatia's GSL rule and pairing: the options it gives run as
// the same options given one by one.
void TestSatellite::projectConstellationRunsWithItsRules()
{
    nqi::core::Constellation kept;
    kept.name = u"Kept"_qs;
    kept.shells = {parseWalker(u"36/6/1:53:1200"_qs)};

    // As kept by default: the elevation rule, no inter-satellite links.
    PlanOptions options = PlanOptions::forConstellation(kept);
    QCOMPARE(options.constellation, kept);
    QCOMPARE(options.gslRule(), (GslRule{25.0, std::nullopt}));
    QVERIFY(!options.isl);
    QCOMPARE(options.islPairing, IslPairing::PlusGrid);
    QCOMPARE(options.islShift, 0);
    kept.islPattern = nqi::core::IslPattern::PlusGrid;
    options = PlanOptions::forConstellation(kept);
    QVERIFY(options.isl);
    QCOMPARE(options.islPairing, IslPairing::PlusGrid);

    // Hypatia's: the range alone, its +Grid with shift 1.
    kept.minElevationDeg = 10.0;
    kept.gslMaxRangeKm = 2500.0;
    kept.gslMinElevation = false;
    kept.islPattern = nqi::core::IslPattern::Hypatia;
    kept.islShift = 1;
    nqi::core::Network network;
    network.addConstellation(kept); // within the model's bounds
    options = PlanOptions::forConstellation(network.constellations().front());
    QCOMPARE(options.gslRule(), (GslRule{std::nullopt, 2500.0}));
    QVERIFY(options.isl);
    QCOMPARE(options.islPairing, IslPairing::Hypatia);
    QCOMPARE(options.islShift, 1);
    kept.gslMinElevation = true;
    QCOMPARE(PlanOptions::forConstellation(kept).gslRule(), (GslRule{10.0, 2500.0}));

    PlanOptions given;
    given.constellation.shells = kept.shells;
    given.constellation.minElevationDeg = 10.0;
    given.gslMaxRangeKm = 2500.0;
    given.gslMinElevation = false;
    given.isl = true;
    given.islPairing = IslPairing::Hypatia;
    given.islShift = 1;
    for (PlanOptions *o : {&options, &given}) {
        o->from = QDateTime(QDate(2024, 1, 13), QTime(0, 0), QTimeZone::utc());
        o->to = o->from->addSecs(2 * 3600);
        o->stepSeconds = 300;
        o->path = std::pair{GroundPoint{u"Beijing"_qs, 39.9, 116.4, 0.0},
                            GroundPoint{u"Shanghai"_qs, 31.2, 121.5, 0.0}};
    }
    nqi::planners::Progress progress;
    const QJsonObject fromProject = toJson(plan(options, progress));
    QCOMPARE(fromProject, toJson(plan(given, progress)));
    QCOMPARE(fromProject[u"path"_qs].toObject()[u"isl"_qs].toObject()[u"pairing"_qs].toString(),
             u"hypatia"_qs);

    // The two names of each pairing.
    for (const IslPairing pairing : {IslPairing::PlusGrid, IslPairing::Hypatia})
        QCOMPARE(islPairingOf(islPatternOf(pairing)), std::optional(pairing));
    QCOMPARE(islPairingOf(nqi::core::IslPattern::None), std::optional<IslPairing>());
    QCOMPARE(kMaxGslRangeKm, nqi::core::limits::kMaxGslRangeKm);
}

void TestSatellite::planCarriesTheRulesIntoItsJson()
{
    PlanOptions options;
    options.constellation.shells = {parseWalker(u"36/6/1:53:1200"_qs)};
    options.from = QDateTime(QDate(2024, 1, 13), QTime(0, 0), QTimeZone::utc());
    options.to = options.from->addSecs(2 * 3600);
    options.stepSeconds = 300;
    options.path = std::pair{GroundPoint{u"Beijing"_qs, 39.9, 116.4, 0.0},
                             GroundPoint{u"Shanghai"_qs, 31.2, 121.5, 0.0}};
    options.isl = true;
    nqi::planners::Progress progress;

    // The defaults (what the workbench passes): the elevation rule, nqi's +Grid.
    QJsonObject json = toJson(plan(options, progress));
    QCOMPARE(json[u"minElevationDeg"_qs].toDouble(), 25.0);
    QVERIFY(json[u"gslMaxRangeKm"_qs].isNull());
    QJsonObject isl = json[u"path"_qs].toObject()[u"isl"_qs].toObject();
    QCOMPARE(isl[u"pairing"_qs].toString(), u"plus-grid"_qs);
    QVERIFY(!isl.contains(u"shift"_qs));
    QCOMPARE(isl[u"links"_qs].toInt(), 72);

    // Hypatia's rules.
    options.gslMaxRangeKm = 2500.0;
    options.gslMinElevation = false;
    options.islPairing = IslPairing::Hypatia;
    options.islShift = 1;
    const PlanResult result = plan(options, progress);
    QCOMPARE(result.gsl, (GslRule{std::nullopt, 2500.0}));
    QCOMPARE(result.footprintRadiusKm, footprintRadiusKm(1200.0, GslRule{std::nullopt, 2500.0}));
    json = toJson(result);
    QVERIFY(json[u"minElevationDeg"_qs].isNull());
    QCOMPARE(json[u"gslMaxRangeKm"_qs].toDouble(), 2500.0);
    isl = json[u"path"_qs].toObject()[u"isl"_qs].toObject();
    QCOMPARE(isl[u"pairing"_qs].toString(), u"hypatia"_qs);
    QCOMPARE(isl[u"shift"_qs].toInt(), 1);
    // The same figures as pathLatency over the shell's grid with those rules.
    TimeGrid grid;
    toJulian(*options.from, grid.startJd, grid.startJdFraction);
    grid.durationSeconds = 2 * 3600;
    grid.stepSeconds = 300;
    grid.gsl = result.gsl;
    std::vector<WalkerGrid> grids;
    const std::vector<Sgp4> satellites = shellSatellites(u"36/6/1:53:1200"_qs, grid, &grids);
    grids[0].altitudeKm = 1200.0;
    grids[0].pairing = IslPairing::Hypatia;
    grids[0].shift = 1;
    const PathResult direct =
        pathLatency(satellites, options.path->first, options.path->second, grid, grids, progress);
    auto same = [](const std::vector<double> &x, const std::vector<double> &y) {
        return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](double u, double v) {
            return u == v || (std::isnan(u) && std::isnan(v));
        });
    };
    QVERIFY(same(result.path->islMs, direct.islMs));
    QVERIFY(same(result.path->bentPipeMs, direct.bentPipeMs));
    QVERIFY(std::count_if(direct.islMs.begin(), direct.islMs.end(),
                          [](double ms) { return !std::isnan(ms); }) > 5);

    // Refused before any path: no rule, a bad range, a shift off the plane, a small shell.
    auto refused = [&](const PlanOptions &bad, const QString &message) {
        try {
            plan(bad, progress);
            return false;
        } catch (const nqi::core::Failure &failure) {
            return QString::fromUtf8(failure.what()).contains(message);
        }
    };
    PlanOptions bad = options;
    bad.gslMaxRangeKm.reset();
    QVERIFY(refused(bad, u"needs a minimum elevation, a maximum slant range or both"_qs));
    bad = options;
    bad.gslMaxRangeKm = -3.0;
    QVERIFY(refused(bad, u"slant range -3 km"_qs));
    bad = options;
    bad.islShift = 6;
    QVERIFY(refused(bad, u"ISL shift 6 is outside 0..5"_qs));
    bad = options;
    bad.constellation.shells = {parseWalker(u"4/2/1:53:1200"_qs)};
    QVERIFY(refused(bad, u"at least 3 planes of at least 3"_qs));
}

// The satellite planner's descriptor reads each option's text as `nqi plan satellite` does:
// repeated --station values arrive joined by commas, times in UTC.
void TestSatellite::descriptorReadsOptionsAsTheCommandLine_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonValue>("expected"); // Undefined: refused
    QTest::addColumn<QString>("problem");
    const QJsonValue refused(QJsonValue::Undefined);
    QTest::newRow("stations: a code and LAT,LON")
        << u"stations"_qs << u"GS-KS,39.9,116.4, -33.9,151.2"_qs
        << QJsonValue(QJsonArray{u"GS-KS"_qs, u"39.9,116.4"_qs, u"-33.9,151.2"_qs}) << QString();
    QTest::newRow("stations: a latitude alone")
        << u"stations"_qs << u"BJ,39.9"_qs << refused << u"\"39.9\" needs a longitude"_qs;
    QTest::newRow("stations: beyond the pole")
        << u"stations"_qs << u"91,0"_qs << refused << u"latitude must be -90..90"_qs;
    QTest::newRow("walker: two shells")
        << u"walker"_qs << u"72/6/1:53:550,36/6/1:53:1200"_qs
        << QJsonValue(QJsonArray{u"72/6/1:53:550"_qs, u"36/6/1:53:1200"_qs}) << QString();
    QTest::newRow("walker: planes that do not divide")
        << u"walker"_qs << u"72/22/1:53:550"_qs << refused
        << u"72 satellites do not divide into 22 planes"_qs;
    QTest::newRow("start: a zone") << u"start"_qs << u"2024-01-13T08:00:00+08:00"_qs
                                   << QJsonValue(u"2024-01-13T00:00:00Z"_qs) << QString();
    QTest::newRow("start: no zone is UTC") << u"start"_qs << u"2024-01-13T00:00:00"_qs
                                           << QJsonValue(u"2024-01-13T00:00:00Z"_qs) << QString();
    QTest::newRow("end: not a time")
        << u"end"_qs << u"tomorrow"_qs << refused << u"\"tomorrow\" is not an ISO 8601 time"_qs;
    QTest::newRow("bbox: three numbers")
        << u"bbox"_qs << u"1,2,3"_qs << refused << u"needs four numbers W,S,E,N"_qs;
    QTest::newRow("path: one end") << u"path"_qs << u"BJ"_qs << refused << u"needs FROM:TO"_qs;
    QTest::newRow("path: LAT,LON ends")
        << u"path"_qs << u"0,100:10,110"_qs << QJsonValue(u"0,100:10,110"_qs) << QString();
    QTest::newRow("isl pattern") << u"islPattern"_qs << u"hypatia"_qs << QJsonValue(u"hypatia"_qs)
                                 << QString();
}

void TestSatellite::descriptorReadsOptionsAsTheCommandLine()
{
    QFETCH(QString, key);
    QFETCH(QString, text);
    QFETCH(QJsonValue, expected);
    QFETCH(QString, problem);
    const nqi::planners::PlannerDescriptor *planner =
        nqi::planners::plannerDescriptor(u"satellite"_qs);
    QVERIFY(planner);
    const nqi::planners::OptionDescriptor *option = planner->option(key);
    QVERIFY(option);
    QString why;
    const QJsonValue value = nqi::planners::parseOptionText(*option, text, why);
    QCOMPARE(value, expected);
    QVERIFY2(problem.isEmpty() ? why.isEmpty() : why.contains(problem), qPrintable(why));
    if (!value.isUndefined()) { // and as JSON (Python, a stored result's options)
        QJsonObject options{{key, value}, {u"walker"_qs, QJsonArray{u"36/6/1:53:1200"_qs}}};
        QCOMPARE(nqi::planners::checkOptions(*planner, options), QString());
    }
}

void TestSatellite::descriptorRefusesOptionsThatDoNotGoTogether_data()
{
    QTest::addColumn<QJsonObject>("options");
    QTest::addColumn<QString>("problem");
    const QJsonArray shell{u"36/6/1:53:1200"_qs};
    QTest::newRow("no satellites") << QJsonObject{} << u"give --walker or --tle"_qs;
    QTest::newRow("box and region")
        << QJsonObject{{u"walker"_qs, shell}, {u"bbox"_qs, u"1,2,3,4"_qs}, {u"region"_qs, u"X"_qs}}
        << u"give --bbox or --region, not both"_qs;
    QTest::newRow("half a window")
        << QJsonObject{{u"walker"_qs, shell}, {u"end"_qs, u"2024-01-13T00:00:00Z"_qs}}
        << u"give both --from and --to"_qs;
    QTest::newRow("window backwards") << QJsonObject{{u"walker"_qs, shell},
                                                     {u"start"_qs, u"2024-01-13T01:00:00Z"_qs},
                                                     {u"end"_qs, u"2024-01-13T00:00:00Z"_qs}}
                                      << u"--to is before --from"_qs;
    QTest::newRow("shift without Hypatia")
        << QJsonObject{{u"walker"_qs, shell}, {u"islShift"_qs, 1}}
        << u"--isl-shift applies to --isl-pattern hypatia only"_qs;
    QTest::newRow("station without a window")
        << QJsonObject{{u"walker"_qs, shell}, {u"stations"_qs, QJsonArray{u"0,0"_qs}}}
        << u"--station and --path need a window"_qs;
    QTest::newRow("zenith") << QJsonObject{{u"walker"_qs, shell}, {u"minElevationDeg"_qs, 90}}
                            << u"--min-elev must be 0..90 degrees, not 90"_qs;
}

void TestSatellite::descriptorRefusesOptionsThatDoNotGoTogether()
{
    QFETCH(QJsonObject, options);
    QFETCH(QString, problem);
    nqi::planners::Progress progress;
    try {
        nqi::planners::runPlanner(u"satellite"_qs, nullptr, options, progress);
        QFAIL("refused nothing");
    } catch (const nqi::core::Failure &failure) {
        QVERIFY2(failure.diagnostic().message.contains(problem),
                 qPrintable(failure.diagnostic().message));
    }
}

// The descriptor's run is the plan of the options it reads: the same JSON.
void TestSatellite::descriptorRunIsThePlan()
{
    nqi::core::Network network;
    nqi::core::Site beijing;
    beijing.code = u"BJ"_qs;
    beijing.latitudeDeg = 39.9;
    beijing.longitudeDeg = 116.4;
    network.addSite(beijing);
    const QJsonObject options{{u"walker"_qs, u"36/6/1:53:1200"_qs},
                              {u"bbox"_qs, u"110,30,114,34"_qs},
                              {u"gridDeg"_qs, 2},
                              {u"start"_qs, u"2024-01-13T08:00:00+08:00"_qs},
                              {u"end"_qs, u"2024-01-13T09:00:00+08:00"_qs},
                              {u"stepSeconds"_qs, 300},
                              {u"stations"_qs, u"BJ,30,120"_qs}};
    nqi::planners::Progress progress;
    const QJsonObject json =
        nqi::planners::runPlanner(u"satellite"_qs, &network, options, progress);

    PlanOptions plain;
    plain.constellation.shells = {parseWalker(u"36/6/1:53:1200"_qs)};
    plain.constellation.minElevationDeg = 25.0;
    plain.area = Area{u"110,30,114,34"_qs, 110, 30, 114, 34, {}};
    plain.gridDeg = 2;
    plain.from = QDateTime(QDate(2024, 1, 13), QTime(0, 0), Qt::UTC);
    plain.to = QDateTime(QDate(2024, 1, 13), QTime(1, 0), Qt::UTC);
    plain.stepSeconds = 300;
    plain.stations = {{u"BJ"_qs, 39.9, 116.4, 0.0}, {u"30,120"_qs, 30.0, 120.0, 0.0}};
    QCOMPARE(json, toJson(plan(plain, progress)));
    QCOMPARE(json[u"coverage"_qs][u"from"_qs].toString(), u"2024-01-13T00:00:00Z"_qs);
    QCOMPARE(json[u"stations"_qs][0][u"name"_qs].toString(), u"BJ"_qs);
}

// Without --walker or --tle the project's constellations run, with their own rules.
void TestSatellite::descriptorRunTakesTheProjectConstellation()
{
    nqi::core::Network network;
    const QJsonObject window{{u"path"_qs, u"0,100:10,110"_qs},
                             {u"start"_qs, u"2024-01-13T00:00:00Z"_qs},
                             {u"end"_qs, u"2024-01-13T01:00:00Z"_qs},
                             {u"stepSeconds"_qs, 300}};
    nqi::planners::Progress progress;
    try {
        nqi::planners::runPlanner(u"satellite"_qs, &network, window, progress);
        QFAIL("ran without satellites");
    } catch (const nqi::core::Failure &failure) {
        QCOMPARE(failure.diagnostic().message,
                 u"the project has no constellations: give --walker or --tle"_qs);
    }
    nqi::core::Constellation kept;
    kept.name = u"Hypatia shell"_qs;
    kept.shells = {parseWalker(u"36/6/1:53:1200"_qs)};
    kept.gslMaxRangeKm = 2500.0;
    kept.gslMinElevation = false;
    kept.islPattern = nqi::core::IslPattern::Hypatia;
    kept.islShift = 1;
    network.addConstellation(kept);
    const QJsonObject json = nqi::planners::runPlanner(u"satellite"_qs, &network, window, progress);
    QCOMPARE(json[u"gslMaxRangeKm"_qs].toDouble(), 2500.0);
    QVERIFY(json[u"minElevationDeg"_qs].isNull());
    QCOMPARE(json[u"path"_qs][u"isl"_qs][u"pairing"_qs].toString(), u"hypatia"_qs);
    QCOMPARE(json[u"path"_qs][u"isl"_qs][u"shift"_qs].toInt(), 1);
    // Under the range rule alone the summary gives the elevation at the footprint's edge.
    QVERIFY(json[u"edgeElevationDeg"_qs].toDouble() > 0.0);
}

// A result stored as the workbench and Python store it (its stored options, the lists as JSON)
// is read back current and whole.
void TestSatellite::storedResultIsReadBackCurrent()
{
    nqi::core::Network network;
    const QJsonObject options{
        {u"walker"_qs, QJsonArray{u"36/6/1:53:1200"_qs}}, {u"start"_qs, u"2024-01-13T00:00:00Z"_qs},
        {u"end"_qs, u"2024-01-13T01:00:00Z"_qs},          {u"stepSeconds"_qs, 300},
        {u"stations"_qs, QJsonArray{u"30,120"_qs}},       {u"threads"_qs, 2}};
    const nqi::planners::PlannerDescriptor &planner =
        *nqi::planners::plannerDescriptor(u"satellite"_qs);
    nqi::planners::Progress progress;
    const QJsonObject json =
        nqi::planners::runPlanner(u"satellite"_qs, &network, options, progress);
    QJsonObject checked = options;
    QCOMPARE(nqi::planners::checkOptions(planner, checked, &network), QString());
    const QJsonObject stored = nqi::planners::storedOptions(planner, checked);
    QVERIFY(!stored.contains(u"threads"_qs));
    QCOMPARE(stored[u"stations"_qs], options[u"stations"_qs]);
    nqi::core::PlannerResult result;
    result.planner = nqi::planners::resultKey(u"satellite"_qs, checked).toString();
    QCOMPARE(result.planner, u"satellite"_qs);
    result.createdUtc = u"2026-01-01T00:00:00Z"_qs;
    result.options = QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact));
    result.inputDigest = network.digest();
    result.json = QJsonDocument(json).toJson(QJsonDocument::Compact);
    network.setPlannerResult(result);
    const nqi::planners::StoredResult read =
        nqi::planners::readStoredResult(network, u"satellite"_qs);
    QVERIFY2(read.problem.isEmpty(), qPrintable(read.problem));
    QVERIFY(read.current && read.usable());
    QCOMPARE(read.json, json);
}

QTEST_GUILESS_MAIN(TestSatellite)
#include "tst_satellite.moc"
