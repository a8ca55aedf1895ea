#include "planners/satellite/tle.h"

#include "core/model/limits.h"
#include "core/model/numbers.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringConverter>

#include <cmath>
#include <numbers>

namespace nqi::planners::satellite {

namespace {

using core::Failure;

constexpr double degToRad = std::numbers::pi / 180.0;
constexpr double minutesPerDay = 1440.0;

/// A problem with one element set; readTle turns it into an error or, leniently, a warning.
struct RecordProblem
{
    qint64 line;
    QString where;
    QString message;
};

/// Columns first..last (1-based, inclusive) of a line.
QString columns(const QString &line, int first, int last)
{
    return line.mid(first - 1, last - first + 1);
}

QString columnsName(int first, int last, const char *field)
{
    return first == last
               ? u"column %1 (%2)"_qs.arg(first).arg(QLatin1StringView(field))
               : u"columns %1-%2 (%3)"_qs.arg(first).arg(last).arg(QLatin1StringView(field));
}

class LineReader
{
public:
    LineReader(const QString &line, qint64 number)
        : m_line(line)
        , m_number(number)
    {
    }

    [[noreturn]] void fail(int first, int last, const char *field, const QString &what) const
    {
        throw RecordProblem{m_number, columnsName(first, last, field), what};
    }

    void expectBlank(int column) const
    {
        if (m_line.at(column - 1) != u' ')
            fail(column, column, "separator",
                 u"'%1' where the format has a blank: the columns are shifted"_qs.arg(
                     m_line.at(column - 1)));
    }

    /// A decimal number, optionally with a sign; blanks around it are allowed.
    double number(int first, int last, const char *field, double min, double max) const
    {
        const QString text = columns(m_line, first, last).trimmed();
        static const QRegularExpression pattern(u"^[+-]?(\\d+\\.?\\d*|\\.\\d+)$"_qs);
        if (!pattern.match(text).hasMatch())
            fail(first, last, field, u"'%1' is not a number"_qs.arg(text));
        const double value = text.toDouble();
        if (value < min || value > max)
            fail(first, last, field, u"%1 is out of range %2..%3"_qs.arg(text).arg(min).arg(max));
        return value;
    }

    /// Digits (leading blanks allowed); all blanks read as blankValue.
    int integer(int first, int last, const char *field, int blankValue = -1) const
    {
        const QString text = columns(m_line, first, last).trimmed();
        if (text.isEmpty()) {
            if (blankValue >= 0)
                return blankValue;
            fail(first, last, field, u"is blank"_qs);
        }
        for (QChar c : text)
            if (!c.isDigit())
                fail(first, last, field, u"'%1' is not a whole number"_qs.arg(text));
        return text.toInt();
    }

    /// TLE's "implied decimal point with exponent" field: " 12345-3" is 0.12345e-3.
    double impliedExponent(int first, int last, const char *field) const
    {
        const QString text = columns(m_line, first, last).trimmed();
        if (text.isEmpty())
            return 0.0;
        static const QRegularExpression pattern(u"^([+-]?)(\\d{1,5})([+-]?)(\\d)$"_qs);
        const QRegularExpressionMatch match = pattern.match(text);
        if (!match.hasMatch())
            fail(first, last, field,
                 u"'%1' is not in the form ±NNNNN±E (an implied decimal point and an "
                 "exponent)"_qs.arg(text));
        const double mantissa = QString(u"0."_qs + match.captured(2)).toDouble();
        const int exponent = match.captured(4).toInt() * (match.captured(3) == u"-" ? -1 : 1);
        return (match.captured(1) == u"-" ? -1.0 : 1.0) * mantissa * std::pow(10.0, exponent);
    }

    /// Satellite number: five digits (leading blanks allowed) or Alpha-5 (a letter and four
    /// digits, A = 10 .. Z = 33 without I and O).
    int satnum(int first, int last) const
    {
        const QString text = columns(m_line, first, last);
        const QChar lead = text.at(0);
        if (lead.isLetter() && lead.isUpper() && lead != u'I' && lead != u'O') {
            int value = lead.unicode() - u'A' + 10;
            if (lead > u'I')
                --value;
            if (lead > u'O')
                --value;
            const QString digits = text.mid(1);
            for (QChar c : digits)
                if (!c.isDigit())
                    fail(first, last, "satellite number",
                         u"'%1' is neither five digits nor Alpha-5"_qs.arg(text));
            return value * 10000 + digits.toInt();
        }
        return integer(first, last, "satellite number");
    }

    const QString &text() const { return m_line; }

private:
    const QString &m_line;
    qint64 m_number;
};

/// Month, day, hour, minute and second of a day of year (1.0 = January 1, 00:00).
void daysToCalendar(
    int year, double days, int &month, int &day, int &hour, int &minute, double &second)
{
    int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year % 4 == 0)
        lengths[1] = 29;
    const int dayOfYear = int(std::floor(days));
    int i = 1;
    int sum = 0;
    while (dayOfYear > sum + lengths[i - 1] && i < 12) {
        sum += lengths[i - 1];
        ++i;
    }
    month = i;
    day = dayOfYear - sum;
    double temp = (days - dayOfYear) * 24.0;
    hour = int(std::trunc(temp));
    temp = (temp - hour) * 60.0;
    minute = int(std::trunc(temp));
    second = (temp - minute) * 60.0;
}

void checkLength(const QString &line, qint64 number, bool secondLine)
{
    if (line.size() < 69)
        throw RecordProblem{number,
                            {},
                            u"line %1 has %2 columns; a TLE line has 69 (was it cut or wrapped?)"_qs
                                .arg(secondLine ? 2 : 1)
                                .arg(line.size())};
    if (!secondLine && line.size() > 69)
        throw RecordProblem{
            number, {}, u"line 1 has %1 columns; a TLE line has 69"_qs.arg(line.size())};
}

struct Parsed
{
    TleRecord record;
    QList<RecordProblem> checksumProblems;
};

Parsed parseRecord(const QString &line1, qint64 number1, const QString &line2, qint64 number2)
{
    Parsed parsed;
    TleRecord &record = parsed.record;
    record.line = number1;
    MeanElements &e = record.elements;

    checkLength(line1, number1, false);
    checkLength(line2, number2, true);
    for (const auto &[line, number] : {std::pair{&line1, number1}, std::pair{&line2, number2}}) {
        const QChar given = line->at(68);
        if (!given.isDigit())
            throw RecordProblem{number, columnsName(69, 69, "checksum"),
                                u"'%1' is not a digit"_qs.arg(given)};
        const int expected = tleChecksum(*line);
        if (given.digitValue() != expected)
            parsed.checksumProblems.append(
                {number, columnsName(69, 69, "checksum"),
                 u"checksum is %1, columns 1-68 sum to %2 (modulo 10): a character was changed "
                 "or lost"_qs.arg(given)
                     .arg(expected)});
    }

    const LineReader one(line1, number1);
    one.expectBlank(2);
    e.satnum = one.satnum(3, 7);
    const QChar classification = line1.at(7);
    if (classification != u'U' && classification != u'C' && classification != u'S' &&
        classification != u' ')
        one.fail(8, 8, "classification", u"'%1' is not U, C or S"_qs.arg(classification));
    one.expectBlank(9);
    one.expectBlank(18);
    const int twoDigitYear = one.integer(19, 20, "epoch year");
    const double epochDays = one.number(21, 32, "epoch day of year", 1.0, 367.0);
    one.expectBlank(33);
    const double ndotRevPerDay2 = one.number(34, 43, "first derivative of mean motion", -1, 1);
    one.expectBlank(44);
    const double nddotRevPerDay3 = one.impliedExponent(45, 52, "second derivative of mean motion");
    one.expectBlank(53);
    e.bstar = one.impliedExponent(54, 61, "drag term (B*)");
    one.expectBlank(62);
    one.integer(63, 63, "ephemeris type", 0);
    one.expectBlank(64);
    one.integer(65, 68, "element set number", 0);

    const LineReader two(line2, number2);
    two.expectBlank(2);
    const int satnum2 = two.satnum(3, 7);
    if (satnum2 != e.satnum)
        throw RecordProblem{number2, columnsName(3, 7, "satellite number"),
                            u"line 2 is for satellite %1, line 1 (line %2) for %3: the lines are "
                            "not of one element set"_qs.arg(satnum2)
                                .arg(number1)
                                .arg(e.satnum)};
    for (int column : {8, 17, 26, 34, 43, 52})
        two.expectBlank(column);
    const double inclinationDeg = two.number(9, 16, "inclination", 0.0, 180.0);
    const double raanDeg = two.number(18, 25, "right ascension of the node", 0.0, 360.0);
    const QString eccentricity = columns(line2, 27, 33);
    for (QChar c : eccentricity)
        if (!c.isDigit())
            two.fail(27, 33, "eccentricity",
                     u"'%1' is not seven digits (a decimal point is implied before them)"_qs.arg(
                         eccentricity));
    e.eccentricity = QString(u"0."_qs + eccentricity).toDouble();
    const double argPerigeeDeg = two.number(35, 42, "argument of perigee", 0.0, 360.0);
    const double meanAnomalyDeg = two.number(44, 51, "mean anomaly", 0.0, 360.0);
    const double revPerDay = two.number(53, 63, "mean motion", 0.0, 1.0e4);
    two.integer(64, 68, "revolution number", 0);

    if (line2.size() > 69) { // Vallado's verification file: start, stop and step minutes
        const QStringList extra = line2.mid(69).split(u' ', Qt::SkipEmptyParts);
        if (extra.size() != 3)
            throw RecordProblem{
                number2, u"after column 69"_qs,
                u"'%1' is not start, stop and step minutes"_qs.arg(line2.mid(69).trimmed())};
        bool ok[3];
        record.startMinutes = extra[0].toDouble(&ok[0]);
        record.stopMinutes = extra[1].toDouble(&ok[1]);
        record.stepMinutes = extra[2].toDouble(&ok[2]);
        if (!ok[0] || !ok[1] || !ok[2] || *record.stepMinutes <= 0.0)
            throw RecordProblem{number2, u"after column 69"_qs,
                                u"'%1' is not start, stop and a positive step in minutes"_qs.arg(
                                    line2.mid(69).trimmed())};
    }

    // Units SGP4 works in: radians and radians per minute.
    const double revPerDayToRadPerMin = 2.0 * std::numbers::pi / minutesPerDay;
    e.meanMotionRadPerMin = revPerDay * revPerDayToRadPerMin;
    e.ndot = ndotRevPerDay2 * revPerDayToRadPerMin / minutesPerDay;
    e.nddot = nddotRevPerDay3 * revPerDayToRadPerMin / (minutesPerDay * minutesPerDay);
    e.inclinationRad = inclinationDeg * degToRad;
    e.raanRad = raanDeg * degToRad;
    e.argPerigeeRad = argPerigeeDeg * degToRad;
    e.meanAnomalyRad = meanAnomalyDeg * degToRad;

    const int year = twoDigitYear < 57 ? twoDigitYear + 2000 : twoDigitYear + 1900;
    int month, day, hour, minute;
    double second;
    daysToCalendar(year, epochDays, month, day, hour, minute, second);
    julianDate(year, month, day, hour, minute, second, e.epochJd, e.epochJdFraction);
    return parsed;
}

bool isElementLine(const QString &line, QChar digit)
{
    return line.size() >= 2 && line.at(0) == digit && line.at(1) == u' ';
}

} // namespace

int tleChecksum(const QString &line)
{
    int sum = 0;
    for (QChar c : line.left(68)) {
        if (c.isDigit())
            sum += c.digitValue();
        else if (c == u'-')
            sum += 1;
    }
    return sum % 10;
}

TleSet readTle(const QString &text, const QString &fileName, bool lenient)
{
    TleSet set;
    const QStringList lines = text.split(u'\n');
    auto problem = [&](const RecordProblem &p) {
        const core::Diagnostic diagnostic =
            lenient ? core::makeWarning(fileName, p.line, p.where, p.message)
                    : core::makeError(fileName, p.line, p.where, p.message);
        if (!lenient)
            throw Failure(diagnostic);
        set.warnings.append(diagnostic);
    };

    QString pendingName;
    qint64 pendingNameLine = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        while (line.endsWith(u'\r') || line.endsWith(u' ') || line.endsWith(u'\t'))
            line.chop(1);
        const qint64 number = i + 1;
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (isElementLine(line, u'1')) {
            // Find its line 2: the next line that is not blank or a comment.
            qsizetype j = i + 1;
            while (j < lines.size() && (lines[j].trimmed().isEmpty() || lines[j].startsWith(u'#')))
                ++j;
            QString line2 = j < lines.size() ? lines[j] : QString();
            while (line2.endsWith(u'\r') || line2.endsWith(u' ') || line2.endsWith(u'\t'))
                line2.chop(1);
            if (!isElementLine(line2, u'2')) {
                problem({number,
                         {},
                         j < lines.size()
                             ? u"line 1 of satellite '%1' is followed by line %2, which is not "
                               "a line 2 (it must start with \"2 \")"_qs
                                   .arg(columns(line, 3, 7).trimmed())
                                   .arg(j + 1)
                             : u"line 1 of satellite '%1' has no line 2: the file ends"_qs.arg(
                                   columns(line, 3, 7).trimmed())});
                pendingName.clear();
                continue;
            }
            try {
                Parsed parsed = parseRecord(line, number, line2, j + 1);
                for (const RecordProblem &checksum : parsed.checksumProblems)
                    problem(checksum);
                parsed.record.name = pendingName;
                set.records.append(std::move(parsed.record));
            } catch (const RecordProblem &p) {
                problem(p);
            }
            pendingName.clear();
            i = j;
            continue;
        }
        if (isElementLine(line, u'2')) {
            problem({number, {}, u"line 2 without a line 1 before it"_qs});
            continue;
        }
        if (!pendingName.isEmpty())
            problem({pendingNameLine,
                     {},
                     u"title '%1' is not followed by an element set (line 1 must start with "
                     "\"1 \")"_qs.arg(core::excerpt(pendingName))});
        pendingName = line.startsWith(u"0 "_qs) ? line.mid(2).trimmed() : line.trimmed();
        pendingNameLine = number;
    }
    if (!pendingName.isEmpty())
        problem({pendingNameLine,
                 {},
                 u"title '%1' is not followed by an element set: the file ends"_qs.arg(
                     core::excerpt(pendingName))});
    if (set.records.isEmpty())
        throw Failure(core::makeError(fileName, 0, {},
                                      u"no element sets read: a TLE file has lines starting "
                                      "with \"1 \" and \"2 \""_qs));
    return set;
}

TleSet readTleFile(const QString &path, bool lenient)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Failure(core::makeError(path, 0, {}, u"cannot read: %1"_qs.arg(file.errorString())));
    const QByteArray bytes = file.readAll();
    auto decoder = QStringDecoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError())
        throw Failure(core::makeError(path, 0, {}, u"is not UTF-8 or ASCII text"_qs));
    return readTle(text, path, lenient);
}

core::WalkerShell parseWalker(const QString &text)
{
    static const QRegularExpression pattern(
        u"^\\s*(\\d+)/(\\d+)/(\\d+):([0-9.]+):([0-9.]+)\\s*$"_qs);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        throw Failure(u"Walker shell '%1' is not T/P/F:INCLINATION_DEG:ALTITUDE_KM, e.g. "
                      "72/22/1:53:550"_qs.arg(core::excerpt(text)));
    core::WalkerShell shell;
    // Counts beyond the bound are refused as written (toInt() made 2^31 a zero).
    auto count = [&text](const QString &digits, qint64 min, qint64 max, const char *what) {
        QString problem;
        const std::optional<qint64> value = core::parseInteger(digits, min, max, problem);
        if (!value)
            throw Failure(u"Walker shell '%1': %2 %3"_qs.arg(core::excerpt(text),
                                                             QLatin1StringView(what), problem));
        return int(*value);
    };
    shell.totalSatellites = count(match.captured(1), 1, core::limits::kMaxSatellites, "T");
    shell.planes = count(match.captured(2), 1, core::limits::kMaxSatellites, "P");
    shell.phasing = count(match.captured(3), 0, core::limits::kMaxSatellites, "F");
    shell.inclinationDeg = match.captured(4).toDouble();
    shell.altitudeKm = match.captured(5).toDouble();
    if (shell.totalSatellites < 1 || shell.planes < 1)
        throw Failure(u"Walker shell '%1': T and P must be positive"_qs.arg(core::excerpt(text)));
    if (shell.totalSatellites % shell.planes != 0)
        throw Failure(
            u"Walker shell '%1': %2 satellites do not divide into %3 planes (T is the "
            "total: for %2 planes of %3 satellites write %4/%2/F)"_qs.arg(core::excerpt(text))
                .arg(shell.totalSatellites)
                .arg(shell.planes)
                .arg(qint64(shell.totalSatellites) * shell.planes));
    if (shell.phasing >= shell.planes)
        throw Failure(u"Walker shell '%1': F must be 0..P-1"_qs.arg(core::excerpt(text)));
    if (shell.inclinationDeg > 180.0)
        throw Failure(
            u"Walker shell '%1': inclination must be 0..180 degrees"_qs.arg(core::excerpt(text)));
    if (shell.altitudeKm < 100.0 || shell.altitudeKm > 100000.0)
        throw Failure(
            u"Walker shell '%1': altitude must be 100..100,000 km"_qs.arg(core::excerpt(text)));
    return shell;
}

QList<MeanElements>
walkerShell(const core::WalkerShell &shell, double epochJd, double epochJdFraction, int firstSatnum)
{
    QList<MeanElements> satellites;
    if (shell.planes < 1 || shell.totalSatellites < shell.planes)
        return satellites;
    const double twoPi = 2.0 * std::numbers::pi;
    const double inclination = shell.inclinationDeg * degToRad;
    const double xke =
        60.0 / std::sqrt(wgs72::radiusKm * wgs72::radiusKm * wgs72::radiusKm / wgs72::muKm3PerS2);
    // Un-Kozai'd mean motion of the wanted semi-major axis, then the Kozai mean motion whose
    // un-Kozai step (Sgp4::initialise) gives it back: a fixed point found in a few steps.
    const double aoEarthRadii = (wgs72::radiusKm + shell.altitudeKm) / wgs72::radiusKm;
    const double target = xke / std::pow(aoEarthRadii, 1.5);
    const double cosio2 = std::cos(inclination) * std::cos(inclination);
    const double d1 = 0.75 * wgs72::j2 * (3.0 * cosio2 - 1.0);
    double kozai = target;
    for (int iteration = 0; iteration < 50; ++iteration) {
        const double ak = std::pow(xke / kozai, 2.0 / 3.0);
        double del = d1 / (ak * ak);
        const double adel = ak * (1.0 - del * del - del * (1.0 / 3.0 + 134.0 * del * del / 81.0));
        del = d1 / (adel * adel);
        const double next = target * (1.0 + del);
        if (std::fabs(next - kozai) < 1e-15)
            break;
        kozai = next;
    }
    const int perPlane = shell.totalSatellites / shell.planes;
    for (int plane = 0; plane < shell.planes; ++plane) {
        for (int slot = 0; slot < perPlane; ++slot) {
            MeanElements e;
            e.satnum = firstSatnum + int(satellites.size());
            e.epochJd = epochJd;
            e.epochJdFraction = epochJdFraction;
            e.inclinationRad = inclination;
            e.raanRad = twoPi * plane / shell.planes;
            e.meanAnomalyRad = std::fmod(twoPi * slot / perPlane +
                                             twoPi * shell.phasing * plane / shell.totalSatellites,
                                         twoPi);
            e.meanMotionRadPerMin = kozai;
            satellites.append(e);
        }
    }
    return satellites;
}

} // namespace nqi::planners::satellite
