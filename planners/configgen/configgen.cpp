#include "planners/configgen/configgen.h"

#include "core/io/outputfile.h"
#include "core/model/diagnostic.h"
#include "planners/addressing/ipv6.h"
#include "planners/common/routinggraph.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <kainjow/mustache.hpp>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <optional>
#include <set>

#include <sys/stat.h>
#include <unistd.h>

namespace nqi::planners::configgen {
namespace {

using addressing::Dialect;
using Data = kainjow::mustache::data;

[[noreturn]] void refuse(const QString &file, qint64 line, const QString &message)
{
    throw core::Failure(core::makeError(file, line, {}, message));
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

// Non-ASCII text in Latin letters, then plain ASCII: 北京 -> bei jing, Zürich -> Zurich.
QString transliterated(const QString &text)
{
    thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            icu::UnicodeString::fromUTF8("Any-Latin; Latin-ASCII"), UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(t) : nullptr;
    }();
    QString latin = text;
    if (transliterator) {
        icu::UnicodeString unicode(reinterpret_cast<const UChar *>(text.utf16()),
                                   int32_t(text.size()));
        transliterator->transliterate(unicode);
        latin = QString(reinterpret_cast<const QChar *>(unicode.getBuffer()), unicode.length());
    }
    QString ascii;
    ascii.reserve(latin.size());
    for (QChar c : std::as_const(latin))
        ascii += (c.unicode() >= 0x20 && c.unicode() < 0x7f) ? c : u'?';
    return ascii;
}

bool isRouteReflector(const core::Site &site)
{
    const QString role = site.role.trimmed().toLower();
    return role == u"rr" || role.contains(u"route_reflector") || role.contains(u"route-reflector") ||
           role.contains(u"route reflector");
}

// AREA.xxxx.xxxx.xxxx.00 with the site id as the system id (48 bits: generate() refuses
// larger ids).
QString net(const QString &area, core::SiteId id)
{
    const QString hex = u"%1"_qs.arg(quint64(id), 12, 16, QChar(u'0'));
    return u"%1.%2.%3.%4.00"_qs.arg(area, hex.mid(0, 4), hex.mid(4, 4), hex.mid(8, 4));
}

// The line a byte offset of a template is on (1-based).
qint64 lineOf(const std::string &text, size_t offset)
{
    return 1 + std::count(text.begin(), text.begin() + qsizetype(std::min(offset, text.size())),
                          '\n');
}

// Writes a new file (0666 less the umask), every write checked and flushed to disk.
void writeNewFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    auto fail = [&path](int error) {
        refuse(path, 0, u"cannot write: %1"_qs.arg(core::fileErrorText(error)));
    };
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        fail(errno);
    const int fd = file.handle();
    for (qint64 done = 0; done < data.size();) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail(n < 0 ? errno : ENOSPC);
        done += n;
    }
    if (::fsync(fd) != 0 && errno != EINVAL)
        fail(errno);
    file.close();
}

bool renamePath(const QString &from, const QString &to)
{
    return ::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

// A name beside the target that nothing has: prefix + random letters.
QString uniqueName(const QDir &parent, const QString &prefix)
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString name =
            parent.filePath(prefix + QString::number(QRandomGenerator::global()->generate(), 36));
        struct stat existing = {};
        if (::lstat(QFile::encodeName(name).constData(), &existing) != 0 && errno == ENOENT)
            return name;
    }
    refuse(parent.path(), 0, u"cannot find a free name for a folder here"_qs);
}

// The folder written before it is moved into place: removed (it holds only what this run
// wrote) unless dismissed.
struct Staging
{
    Staging(const QDir &parent, const QString &prefix)
    {
        for (int attempt = 0; attempt < 100 && path.isEmpty(); ++attempt) {
            const QString name = uniqueName(parent, prefix);
            if (::mkdir(QFile::encodeName(name).constData(), 0777) == 0)
                path = name;
            else if (errno != EEXIST)
                refuse(parent.path(), 0,
                       u"cannot write here: %1"_qs.arg(core::fileErrorText(errno)));
        }
        if (path.isEmpty())
            refuse(parent.path(), 0, u"cannot write here"_qs);
        dir = QDir(path);
    }
    ~Staging()
    {
        if (!path.isEmpty())
            QDir(path).removeRecursively();
    }
    Staging(const Staging &) = delete;
    Staging &operator=(const Staging &) = delete;

    void makeFolder(const QString &relative)
    {
        const QByteArray name = QFile::encodeName(dir.filePath(relative));
        if (::mkdir(name.constData(), 0777) != 0 && errno != EEXIST)
            refuse(dir.filePath(relative), 0,
                   u"cannot create: %1"_qs.arg(core::fileErrorText(errno)));
    }
    void dismiss() { path.clear(); }

    QString path;
    QDir dir;
};

// The marker NQI leaves in every folder it writes: what it wrote there, so that --force
// replaces that and nothing else.
const QString kMarkerName = u".nqi-config"_qs;
const QString kMarkerHeader = u"# NQI Workbench "_qs;

QByteArray markerText(const Options &options, const std::vector<QString> &files)
{
    QString text =
        kMarkerHeader +
        u"%1 wrote this folder (nqi config, dialect %2). nqi config --force replaces "
        "it\n# and removes only the files listed here; it refuses a folder holding "
        "anything else.\n"_qs.arg(oneLine(options.version).isEmpty() ? u"(no version)"_qs
                                                                     : oneLine(options.version),
                                  addressing::toString(options.dialect));
    for (const QString &file : files)
        text += file + u'\n';
    return text.toUtf8();
}

struct WrittenFolder
{
    std::set<QString> files; ///< relative paths the marker lists
};

// What a folder's marker says NQI wrote there; nothing when there is no marker NQI wrote.
std::optional<WrittenFolder> readMarker(const QString &folder, QString *problem)
{
    QFile file(QDir(folder).filePath(kMarkerName));
    const QFileInfo info(file.fileName());
    if (!info.exists() || info.isSymLink() || !info.isFile()) {
        *problem = u"it has no %1 (the list NQI leaves of what it wrote)"_qs.arg(kMarkerName);
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = u"its %1 cannot be read: %2"_qs.arg(kMarkerName, file.errorString());
        return std::nullopt;
    }
    const QByteArray data = file.read(qint64(64) << 20);
    const QStringList lines = QString::fromUtf8(data).split(u'\n');
    if (!lines.front().startsWith(kMarkerHeader)) {
        *problem = u"its %1 is not one NQI wrote"_qs.arg(kMarkerName);
        return std::nullopt;
    }
    WrittenFolder written;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const bool safe = !line.startsWith(u'/') && line == QDir::cleanPath(line) &&
                          !line.split(u'/').contains(u".."_qs) && line != kMarkerName;
        if (!safe) {
            *problem = u"its %1 lists \"%2\" (line %3), which NQI never writes"_qs.arg(
                kMarkerName, line.left(100), QString::number(i + 1));
            return std::nullopt;
        }
        written.files.insert(line);
    }
    return written;
}

// Everything in a folder, symbolic links not followed: relative paths, folders with a '/' at
// the end.
QStringList contentsOf(const QString &folder)
{
    QStringList entries;
    QDirIterator it(folder, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    const QDir root(folder);
    while (it.hasNext()) {
        it.next();
        const QFileInfo entry = it.fileInfo();
        const QString relative = root.relativeFilePath(entry.filePath());
        entries << (entry.isDir() && !entry.isSymLink() ? relative + u'/' : relative);
    }
    entries.sort();
    return entries;
}

// A folder --force may replace: its marker says NQI wrote it and it holds nothing else.
WrittenFolder checkReplaceable(const QString &target)
{
    QString problem;
    const std::optional<WrittenFolder> written = readMarker(target, &problem);
    if (!written) {
        refuse(target, 0,
               u"is not a folder nqi config wrote: %1. --force replaces only such a "
               "folder; give a new or empty folder"_qs.arg(problem));
    }
    std::set<QString> folders; // the folders of the files listed
    for (const QString &file : written->files)
        for (qsizetype slash = file.indexOf(u'/'); slash > 0; slash = file.indexOf(u'/', slash + 1))
            folders.insert(file.left(slash) + u'/');
    QStringList foreign;
    for (const QString &entry : contentsOf(target)) {
        const QFileInfo info(QDir(target).filePath(entry));
        const bool listedFile = !entry.endsWith(u'/') && !info.isSymLink() && info.isFile() &&
                                (written->files.count(entry) || entry == kMarkerName);
        if (!listedFile && !folders.count(entry))
            foreign << entry;
    }
    if (!foreign.isEmpty()) {
        refuse(target, 0,
               u"holds what nqi config did not write there (%1%2): --force replaces "
               "only a folder nqi config wrote and never removes anything else; move "
               "those away or give another folder"_qs.arg(
                   foreign.mid(0, 5).join(u", "_qs),
                   foreign.size() > 5 ? u" and %1 more"_qs.arg(foreign.size() - 5) : QString()));
    }
    return *written;
}

// Removes from a folder moved aside what its marker lists, then the folders left empty and the
// folder itself; returns what was left (not NQI's).
QStringList removeWritten(const QString &folder)
{
    QString problem;
    const std::optional<WrittenFolder> written = readMarker(folder, &problem);
    if (!written)
        return contentsOf(folder);
    const QDir root(folder);
    for (const QString &entry : contentsOf(folder)) {
        const QFileInfo info(root.filePath(entry));
        if (written->files.count(entry) && !info.isSymLink() && info.isFile())
            QFile::remove(root.filePath(entry));
    }
    QFile::remove(root.filePath(kMarkerName));
    QStringList folders = contentsOf(folder);
    std::sort(folders.begin(), folders.end(), [](const QString &a, const QString &b) {
        return a.count(u'/') > b.count(u'/'); // deepest first
    });
    for (const QString &entry : folders)
        if (entry.endsWith(u'/'))
            root.rmdir(entry); // only when empty
    const QStringList left = contentsOf(folder);
    if (left.isEmpty())
        QDir().rmdir(folder);
    return left;
}

// "4 MiB (4194304 bytes)", "10000 bytes": a bound as messages give it.
QString bytesText(qint64 bytes)
{
    if (bytes >= (qint64(1) << 20) && bytes % (qint64(1) << 20) == 0)
        return u"%1 MiB (%2 bytes)"_qs.arg(bytes >> 20).arg(bytes);
    return u"%1 bytes"_qs.arg(bytes);
}

// The longest text a template can add to the line being rendered between two calls into the
// context (tags) or the end of a line: its longest run of text between tags and line ends.
qint64 longestTextRun(const std::string &source)
{
    qint64 longest = 0, run = 0;
    for (size_t i = 0; i < source.size();) {
        if (source.compare(i, 2, "{{") == 0) {
            const size_t end = source.find("}}", i + 2);
            i = end == std::string::npos ? source.size() : end + 2;
            run = 0;
        } else if (source[i] == '\n' || source[i] == '\r') {
            run = 0;
            ++i;
        } else {
            longest = std::max(longest, ++run);
            ++i;
        }
    }
    return longest;
}

// Why rendering stopped.
struct RenderBound
{
    enum Kind { Configuration, Output, Time } kind;
};

/*
 * The bounds of one rendering, kept as it runs. Text reaches the output a line at a time; within
 * a line, kainjow appends a value after each lookup and between lookups at most the template's
 * longest run of text, so (bytes written) + (values and runs since the last line) bounds what
 * is held at any moment (checked at the next step after a section is left). Every section
 * entered or name looked up is a step; the clock is read every 256 steps.
 */
class RenderBudget
{
public:
    RenderBudget(const Options &options, qint64 longestRun)
        : m_options(options)
        , m_longestRun(longestRun)
    {
        m_clock.start();
    }

    void startConfiguration()
    {
        m_written = 0;
        m_pending = 0;
        if (m_clock.elapsed() > m_options.renderTimeLimitMs)
            throw RenderBound{RenderBound::Time};
    }
    void step()
    {
        leave();
        if ((++m_steps & 255) == 0 && m_clock.elapsed() > m_options.renderTimeLimitMs)
            throw RenderBound{RenderBound::Time};
        check();
    }
    // Leaving a section (kainjow does it in a destructor, so this never throws); the next step
    // checks.
    void leave() noexcept { m_pending += m_longestRun; }
    void value(qint64 bytes)
    {
        m_pending += bytes;
        check();
    }
    void written(qint64 bytes)
    {
        m_written += bytes;
        m_total += bytes;
        m_pending = 0;
        check();
    }

private:
    void check() const
    {
        if (m_written + m_pending > m_options.maxConfigurationBytes)
            throw RenderBound{RenderBound::Configuration};
        if (m_total + m_pending > m_options.maxOutputBytes)
            throw RenderBound{RenderBound::Output};
    }

    const Options &m_options;
    qint64 m_longestRun = 0;
    QElapsedTimer m_clock;
    quint64 m_steps = 0;
    qint64 m_written = 0, m_pending = 0, m_total = 0;
};

// kainjow's context, counting every step; partials find nothing (generate() refuses them).
class BoundedContext : public kainjow::mustache::basic_context<std::string>
{
public:
    BoundedContext(const Data *data, RenderBudget &budget)
        : m_context(data)
        , m_budget(budget)
    {
    }
    void push(const Data *data) override
    {
        m_budget.step();
        m_context.push(data);
    }
    void pop() override
    {
        m_budget.leave();
        m_context.pop();
    }
    const Data *get(const std::string &name) const override
    {
        m_budget.step();
        const Data *data = m_context.get(name);
        if (data && data->is_string())
            m_budget.value(qint64(data->string_value().size()));
        return data;
    }
    const Data *get_partial(const std::string &) const override { return nullptr; }

private:
    kainjow::mustache::context<std::string> m_context;
    RenderBudget &m_budget;
};

// Where kainjow writes each finished line.
struct BoundedOutput
{
    RenderBudget &budget;
    std::string text;

    BoundedOutput &operator<<(const std::string &line)
    {
        budget.written(qint64(line.size()));
        text += line;
        return *this;
    }
};

QString readme(const core::Network &network, Dialect dialect,
               const std::vector<RouterConfig> &configs, qint64 asn, const QString &version)
{
    QString text;
    text += u"# Device configurations: %1\n\n"_qs.arg(markdownText(network.settings().name));
    text += u"Generated by NQI Workbench %1 in the %2 dialect for %3 routers (every site with "
            "links).\n\n"_qs.arg(markdownText(version), addressing::toString(dialect),
                                 QString::number(configs.size()));
    text += u"- `<site code>/%1`: the router's configuration\n"
            "- `addresses.csv`: the address plan, one row per interface (site, interface, "
            "address, prefix_length, link, peer_site, peer_interface)\n\n"_qs.arg(
                configFileName(dialect));
    text += u"Each router has a loopback /128, a /127 on every link, an SRv6 locator /64 and a "
            "/48 for its site's own networks (announced in BGP from a discard route), from the "
            "project prefix %1. IS-IS level 2 with wide metrics equal to the links' IGP metrics "
            "(the route planner's), point-to-point links, passive loopback. iBGP in AS %2 between "
            "loopbacks: "_qs.arg(markdownText(network.addressPlan().projectPrefix),
                                 QString::number(asn));
    int reflectors = 0;
    for (const core::Site &site : network.sites())
        reflectors += site.role.contains(u"reflector"_qs, Qt::CaseInsensitive) ? 1 : 0;
    text += reflectors ? u"%1 route reflectors (sites whose role is route_reflector), every "
                         "other router their client.\n\n"_qs.arg(reflectors)
                       : u"full mesh (no site has the role route_reflector).\n\n"_qs;
    text += u"Before loading: compare `addresses.csv` with the devices' cabling; names are the "
            "ones the configurations use.\n\n"_qs;
    switch (dialect) {
    case Dialect::Frr:
        text += u"Load (FRR 8.4 or later): copy `<site>/frr.conf` to `/etc/frr/frr.conf`, set "
                "`isisd=yes` and `bgpd=yes` in `/etc/frr/daemons`, restart FRR. Check it first with "
                "`vtysh --dryrun --inputfile frr.conf`; afterwards `vtysh -c 'show isis neighbor'`, "
                "`vtysh -c 'show ipv6 route isis'`, `vtysh -c 'show bgp ipv6 summary'`.\n"_qs;
        break;
    case Dialect::Vrp:
        text += u"Load (Huawei VRP 8, NE/CE series): merge with `load configuration file "
                "vrp.cfg merge`, then `display isis peer`, `display ipv6 routing-table protocol "
                "isis`, `display bgp ipv6 peer`. Interface names assume slot 0/0; adapt them to the "
                "line cards.\n"_qs;
        break;
    case Dialect::IosXr:
        text += u"Load (Cisco IOS XR 7): `load harddisk:iosxr.cfg`, `commit`, then `show isis "
                "neighbors`, `show route ipv6 isis`, `show bgp ipv6 unicast summary`. Interface "
                "names assume rack 0 slot 0.\n"_qs;
        break;
    case Dialect::Junos:
        text += u"Load (Junos 21 or later): `load merge junos.conf`, `commit check`, `commit`, "
                "then `show isis adjacency`, `show route protocol isis table inet6.0`, `show bgp "
                "summary`. Interface names assume FPC 0 PIC 0.\n"_qs;
        break;
    }
    return text;
}

} // namespace

QString oneLine(const QString &text)
{
    QString line;
    line.reserve(text.size());
    for (QChar c : text) {
        const QChar::Category category = c.category();
        const bool breaks = category == QChar::Other_Control || category == QChar::Other_Format ||
                            category == QChar::Separator_Line ||
                            category == QChar::Separator_Paragraph;
        line += breaks ? QChar(u' ') : c;
    }
    line = line.simplified();
    if (line.size() > 200)
        line = line.left(200).trimmed();
    return line;
}

QString safeText(Dialect dialect, const QString &text)
{
    const QString line = oneLine(text);
    switch (dialect) {
    case Dialect::Frr:
        return line; // UTF-8 is kept: vtysh takes the rest of the line as the text
    case Dialect::Vrp:
        return oneLine(transliterated(line));
    case Dialect::IosXr:
        return oneLine(transliterated(line).replace(u'!', u'.'));
    case Dialect::Junos:
        // Inside quotes and /* */ comments: no quote, backslash or comment end survives.
        return oneLine(transliterated(line)
                           .replace(u'"', u'\'')
                           .replace(u'\\', u'/')
                           .replace(u'#', u' ')
                           .replace(u"*/"_qs, u"* /"_qs));
    }
    return line;
}

QString markdownText(const QString &text)
{
    // One line, and every character that could start Markdown or HTML markup within a line
    // taken literally (CommonMark: a backslash before ASCII punctuation). The text never starts
    // a line, so list and heading markers there need nothing.
    static const QString markup = u"\\`*_{}[]()<>#!|~&"_qs;
    QString escaped;
    for (QChar c : oneLine(text)) {
        if (markup.contains(c))
            escaped += u'\\';
        escaped += c;
    }
    return escaped;
}

QString hostname(const QString &siteCode)
{
    QString name;
    for (QChar c : siteCode) {
        const bool keep = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                          (c >= u'0' && c <= u'9') || c == u'-';
        name += keep ? c : QChar(u'-');
    }
    if (name.isEmpty() || !name.at(0).isLetter())
        name.prepend(u"r-"_qs);
    return name.left(63);
}

QString templateFileName(Dialect dialect)
{
    return configFileName(dialect) + u".mustache"_qs;
}

QString configFileName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::Frr:
        return u"frr.conf"_qs;
    case Dialect::Vrp:
        return u"vrp.cfg"_qs;
    case Dialect::IosXr:
        return u"iosxr.cfg"_qs;
    case Dialect::Junos:
        return u"junos.conf"_qs;
    }
    return {};
}

QString builtinTemplate(Dialect dialect)
{
    QFile file(u":/nqi/templates/"_qs + templateFileName(dialect));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

std::vector<RouterConfig> generate(const core::Network &network, const Options &options)
{
    const Dialect dialect = options.dialect;
    // The template: the override folder's, else the built-in one.
    QString templateName = u"built-in "_qs + templateFileName(dialect);
    QString templateText = builtinTemplate(dialect);
    if (!options.templateFolder.isEmpty()) {
        const QString path = QDir(options.templateFolder).filePath(templateFileName(dialect));
        QFile file(path);
        if (file.exists()) {
            if (!file.open(QIODevice::ReadOnly))
                refuse(path, 0, u"cannot read the template: %1"_qs.arg(file.errorString()));
            templateName = path;
            const QByteArray bytes = file.read(kMaxTemplateBytes + 1);
            if (bytes.size() > kMaxTemplateBytes) {
                refuse(path, 0,
                       u"the template is larger than %1, the bound of a template"_qs.arg(
                           bytesText(kMaxTemplateBytes)));
            }
            templateText = QString::fromUtf8(bytes);
        }
    }
    // Partials would find nothing, and other delimiters would hide names from the check below.
    static const QRegularExpression unsupported(u"\\{\\{\\s*([>=])"_qs);
    if (const QRegularExpressionMatch match = unsupported.match(templateText); match.hasMatch()) {
        refuse(templateName,
               lineOf(utf8(templateText),
                      size_t(templateText.left(match.capturedStart()).toUtf8().size())),
               match.captured(1) == u">" ? u"partials ({{>name}}) are not supported"_qs
                                         : u"other delimiters ({{=<% %>=}}) are not supported"_qs);
    }
    const std::string source = utf8(templateText);
    kainjow::mustache::mustache tmpl{source};
    if (!tmpl.is_valid()) {
        // kainjow says "Unclosed section "x" at 123" (a byte offset): give the line instead.
        QString message = QString::fromStdString(tmpl.error_message());
        qint64 line = 0;
        static const QRegularExpression at(u" at (\\d+)$"_qs);
        if (const QRegularExpressionMatch match = at.match(message); match.hasMatch()) {
            line = lineOf(source, size_t(match.captured(1).toULongLong()));
            message.truncate(match.capturedStart());
        }
        refuse(templateName, line, message);
    }
    // Data is made safe before it reaches the template, so the HTML escaping Mustache would
    // apply is switched off.
    tmpl.set_custom_escape([](const std::string &text) { return text; });

    // The address plan, by owner.
    const core::AddressPlan &plan = network.addressPlan();
    std::map<std::pair<core::AddressUse, qint64>, ipv6::Prefix> blocks;
    std::map<qint64, QString> routerIds; // the plan's, unique in the project
    for (const core::AddressAllocation &allocation : plan.allocations) {
        if (allocation.use == core::AddressUse::RouterId)
            routerIds[allocation.object] = allocation.prefix.section(u'/', 0, 0);
        else if (const auto prefix = ipv6::parsePrefix(allocation.prefix))
            blocks[{allocation.use, allocation.object}] = *prefix;
    }
    auto block = [&](core::AddressUse use, qint64 object, const core::Site &site) {
        const auto it = blocks.find({use, object});
        if (it == blocks.end()) {
            refuse({}, 0, u"the address plan has no %1 for %2; run nqi address (or Plan > "
                           "Address Plan) first"_qs.arg(core::toString(use), site.code));
        }
        return it->second;
    };
    const std::vector<addressing::Interface> interfaces =
        addressing::interfaces(network, plan, dialect);
    std::map<core::SiteId, std::vector<const addressing::Interface *>> byRouter;
    for (const addressing::Interface &row : interfaces)
        if (row.link)
            byRouter[row.site].push_back(&row);

    const std::vector<core::SiteId> routers = addressing::routers(network);
    std::vector<core::SiteId> reflectors;
    for (core::SiteId id : routers)
        if (isRouteReflector(*network.site(id)))
            reflectors.push_back(id);

    std::set<QString> known;
    auto set = [&known](Data &data, const char *key, const Data &value) {
        known.insert(QString::fromLatin1(key));
        data.set(key, value);
    };
    std::vector<RouterConfig> configs;
    RenderBudget budget(options, longestTextRun(source));
    for (core::SiteId id : routers) {
        const core::Site &site = *network.site(id);
        const bool rr = std::find(reflectors.begin(), reflectors.end(), id) != reflectors.end();
        const ipv6::Prefix loopback = block(core::AddressUse::Loopback, id, site);
        const ipv6::Prefix locator = block(core::AddressUse::Locator, id, site);
        const ipv6::Prefix siteBlock = block(core::AddressUse::Site, id, site);
        const auto routerId = routerIds.find(id);
        if (routerId == routerIds.end()) {
            refuse({}, 0,
                   u"the address plan has no router ID for %1; run nqi address (or Plan > "
                   "Address Plan) first"_qs.arg(site.code));
        }
        if (id >= (qint64(1) << 48)) {
            refuse({}, 0,
                   u"the id of site %1 (%2) does not fit an IS-IS system ID (48 bits, at "
                   "most 281474976710655)"_qs.arg(site.code, QString::number(id)));
        }
        Data data;
        set(data, "hostname", utf8(hostname(site.code)));
        set(data, "site_code", utf8(site.code));
        set(data, "site_name", utf8(safeText(dialect, site.name.isEmpty() ? site.code : site.name)));
        set(data, "kind", utf8(core::toString(site.kind)));
        set(data, "role", utf8(safeText(dialect, site.role)));
        set(data, "project", utf8(safeText(dialect, network.settings().name)));
        set(data, "version", utf8(safeText(dialect, options.version)));
        set(data, "asn", utf8(QString::number(options.asn)));
        set(data, "router_id", utf8(routerId->second));
        set(data, "net", utf8(net(options.isisArea, id)));
        set(data, "isis_tag", "core");
        set(data, "is_rr", rr);
        set(data, "loopback_name", utf8(addressing::loopbackName(dialect)));
        set(data, "loopback_address", utf8(ipv6::format(loopback.address)));
        set(data, "site_prefix", utf8(ipv6::format(siteBlock)));
        set(data, "site_network", utf8(ipv6::format(siteBlock.address)));
        set(data, "site_length", utf8(QString::number(siteBlock.length)));
        set(data, "locator_name", "main");
        set(data, "locator_prefix", utf8(ipv6::format(locator)));
        set(data, "locator_address", utf8(ipv6::format(locator.address)));
        set(data, "locator_length", utf8(QString::number(locator.length)));

        Data list{Data::type::list};
        for (const addressing::Interface *row : byRouter[id]) {
            const core::Link &link = *network.link(row->link);
            const core::Site &peer = *network.site(row->peer);
            Data item;
            set(item, "name", utf8(row->interface));
            set(item, "address", utf8(row->address));
            set(item, "prefix_length", utf8(QString::number(row->prefixLength)));
            set(item, "metric", utf8(QString::number(igpMetric(network, link))));
            set(item, "peer_code", utf8(peer.code));
            set(item, "peer_hostname", utf8(hostname(peer.code)));
            set(item, "peer_interface", utf8(row->peerInterface));
            set(item, "link_id", utf8(QString::number(link.id)));
            set(item, "capacity_gbps", utf8(QString::number(link.capacityGbps)));
            const QString description =
                u"to %1 %2 %3 (link %4)"_qs.arg(peer.code, peer.name, row->peerInterface)
                    .arg(link.id);
            set(item, "description", utf8(safeText(dialect, description)));
            list.push_back(item);
        }
        set(data, "interfaces", list);

        // iBGP: full mesh without route reflectors; with them, clients peer with every
        // reflector and reflectors with everyone (their clients as clients).
        Data neighbors{Data::type::list}, peers{Data::type::list}, clients{Data::type::list};
        int peerCount = 0, clientCount = 0;
        for (core::SiteId other : routers) {
            if (other == id)
                continue;
            const bool otherRr =
                std::find(reflectors.begin(), reflectors.end(), other) != reflectors.end();
            if (!reflectors.empty() && !rr && !otherRr)
                continue;
            const core::Site &peer = *network.site(other);
            const bool client = rr && !otherRr;
            Data item;
            set(item, "address",
                utf8(ipv6::format(block(core::AddressUse::Loopback, other, peer).address)));
            set(item, "peer_code", utf8(peer.code));
            set(item, "description", utf8(safeText(dialect, peer.code + u' ' + peer.name)));
            set(item, "rr_client", client);
            neighbors.push_back(item);
            (client ? clients : peers).push_back(item);
            ++(client ? clientCount : peerCount);
        }
        set(data, "bgp_neighbors", neighbors);
        set(data, "bgp_peers", peers);
        set(data, "bgp_clients", clients);
        set(data, "has_bgp", peerCount + clientCount > 0);
        set(data, "has_peers", peerCount > 0);
        set(data, "has_clients", clientCount > 0);

        BoundedOutput output{budget, {}};
        try {
            budget.startConfiguration();
            BoundedContext context(&data, budget);
            tmpl.render(context, output);
        } catch (const RenderBound &bound) {
            const QString hint = u"does a section repeat inside another over a list (e.g. "
                                 "{{#bgp_neighbors}} within {{#bgp_neighbors}})?"_qs;
            switch (bound.kind) {
            case RenderBound::Configuration:
                refuse(templateName, 0,
                       u"the configuration of %1 would be larger than %2, the bound of one "
                       "configuration: %3"_qs.arg(site.code,
                                                  bytesText(options.maxConfigurationBytes), hint));
            case RenderBound::Output:
                refuse(templateName, 0,
                       u"the configurations would be larger than %1 together (at %2), the bound "
                       "of one export: give route reflectors (role route_reflector) instead of a "
                       "full iBGP mesh, or use a smaller template"_qs.arg(
                           bytesText(options.maxOutputBytes), site.code));
            case RenderBound::Time:
                refuse(
                    templateName, 0,
                    u"rendering took longer than %1 s (at %2), the bound of one export: %3"_qs.arg(
                        QString::number(double(options.renderTimeLimitMs) / 1000.0), site.code,
                        hint));
            }
        }
        const std::string &text = output.text;
        if (!tmpl.is_valid())
            refuse(templateName, 0, QString::fromStdString(tmpl.error_message()));
        // Section tags on lines of their own leave empty lines behind (kainjow keeps them).
        QString rendered;
        const QString raw = QString::fromStdString(text);
        for (QStringView line : QStringView(raw).split(u'\n')) {
            if (!line.trimmed().isEmpty())
                rendered += line + u'\n';
        }
        configs.push_back(
            {id, site.code, hostname(site.code), configFileName(dialect), rendered});
    }

    // A name the data does not have renders as nothing: refuse it instead (a typo in an
    // overriding template would otherwise drop a line silently).
    static const QRegularExpression tag(u"\\{\\{\\{?\\s*[#^/&]?\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*\\}?\\}\\}"_qs);
    for (auto it = tag.globalMatch(templateText); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString name = match.captured(1);
        for (const QString &part : name.split(u'.')) {
            if (!known.count(part) && !routers.empty()) {
                refuse(templateName,
                       lineOf(source, size_t(templateText.left(match.capturedStart()).toUtf8().size())),
                       u"unknown name \"%1\"; the names are listed in docs/configurations.md"_qs.arg(
                           name));
            }
        }
    }
    return configs;
}

QStringList writeFolder(const core::Network &network,
                        const Options &options,
                        const std::vector<RouterConfig> &configs,
                        const QString &targetPath,
                        bool replace,
                        const QStringList &inputs)
{
    const QString target = QDir::cleanPath(QFileInfo(targetPath).absoluteFilePath());
    const QFileInfo info(target);
    // Nor through another user's link in a shared folder such as /tmp, anywhere on the way.
    if (const QString reason = core::foreignLinkReason(target); !reason.isEmpty())
        refuse(target, 0, reason);
    if (info.isSymLink()) {
        refuse(target, 0,
               u"is a symbolic link; give the folder itself (%1)"_qs.arg(info.symLinkTarget()));
    }
    if (info.exists() && !info.isDir())
        refuse(target, 0,
               u"is a file, not a folder; give a folder to write the configurations to"_qs);
    // An input (the project, the templates) is never replaced, nor a folder that holds one.
    QStringList read = inputs;
    if (!options.templateFolder.isEmpty())
        read << options.templateFolder;
    core::refuseOutputThatIsInput(target, read, u"the configurations' folder"_qs, true);

    const QDir parent = QFileInfo(target).absoluteDir();
    const bool exists = info.exists();
    const bool empty = !exists || QDir(target).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot |
                                                       QDir::Hidden | QDir::System);
    std::optional<WrittenFolder> previous;
    if (!empty) {
        if (!replace)
            refuse(
                target, 0,
                u"exists and is not empty; give --force to replace a folder nqi config wrote"_qs);
        previous = checkReplaceable(target);
    }
    if (!parent.mkpath(u"."_qs))
        refuse(parent.path(), 0, u"cannot create the folder"_qs);

    // Everything goes to a new folder beside the target first, so a failure leaves the target
    // as it was. Folders get 0777 and files 0666, less the umask, as any program's would.
    Staging staging(parent, u".nqi-config-"_qs);
    std::vector<QString> written;
    auto write = [&](const QString &relative, const QByteArray &data) {
        const qsizetype slash = relative.lastIndexOf(u'/');
        if (slash > 0)
            staging.makeFolder(relative.left(slash));
        writeNewFile(staging.dir.filePath(relative), data);
        written.push_back(relative);
    };
    for (const RouterConfig &config : configs)
        write(config.code + u'/' + config.fileName, config.text.toUtf8());
    const Dialect dialect = options.dialect;
    write(u"addresses.csv"_qs,
          addressing::toCsv(network,
                            addressing::interfaces(network, network.addressPlan(), dialect)));
    write(u"README.md"_qs,
          readme(network, dialect, configs, options.asn, options.version).toUtf8());
    writeNewFile(staging.dir.filePath(kMarkerName), markerText(options, written));
    if (const int error = core::syncPath(staging.dir.path()))
        refuse(staging.dir.path(), 0, u"cannot write: %1"_qs.arg(core::fileErrorText(error)));

    QStringList notes;
    if (!previous) {
        // A new name, or an empty folder (rename replaces an empty folder).
        if (!renamePath(staging.dir.path(), target))
            refuse(target, 0, u"cannot write the folder: %1"_qs.arg(core::fileErrorText(errno)));
        staging.dismiss();
    } else {
        // The old folder moves aside, the new one in; then of the old one only what NQI wrote
        // there (its marker's list) is removed.
        const QString aside = uniqueName(parent, u".nqi-config-old-"_qs);
        if (!renamePath(target, aside))
            refuse(target, 0,
                   u"cannot move the folder aside: %1"_qs.arg(core::fileErrorText(errno)));
        if (!renamePath(staging.dir.path(), target)) {
            const int error = errno;
            renamePath(aside, target);
            refuse(target, 0, u"cannot write the folder: %1"_qs.arg(core::fileErrorText(error)));
        }
        staging.dismiss();
        const QStringList left = removeWritten(aside);
        if (!left.isEmpty()) {
            notes << u"%1: kept the folder's former contents that NQI did not write there (%2) in "
                     "%3"_qs.arg(target, left.mid(0, 5).join(u", "_qs), aside);
        }
    }
    core::syncPath(parent.path());
    return notes;
}

} // namespace nqi::planners::configgen
