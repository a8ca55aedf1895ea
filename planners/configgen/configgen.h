#pragma once

#include "core/model/network.h"
#include "planners/addressing/addressing.h"

#include <QString>

#include <map>

namespace nqi::planners::configgen {

/// A template is read only up to this size (1 MiB): a larger one is refused.
inline constexpr qint64 kMaxTemplateBytes = qint64(1) << 20;

struct Options
{
    addressing::Dialect dialect = addressing::Dialect::Frr;
    qint64 asn = 65000;      ///< iBGP autonomous system
    QString templateFolder;  ///< a folder the user named whose <dialect> template overrides the
                             ///< built-in one (never looked for on its own)
    QString isisArea = u"49.0001"_qs;
    QString version;         ///< written into the header of every configuration
    // Bounds of rendering, checked while it runs: a template whose sections repeat inside each
    // other over lists would otherwise grow without end.
    qint64 maxConfigurationBytes = qint64(4) << 20; ///< one router's configuration (4 MiB)
    qint64 maxOutputBytes = qint64(256) << 20;      ///< all configurations together (256 MiB)
    qint64 renderTimeLimitMs = 60000;               ///< rendering all of them (60 s)
};

/// One router's configuration.
struct RouterConfig
{
    core::SiteId site = 0;
    QString code;
    QString hostname;
    QString fileName; ///< frr.conf, vrp.cfg, iosxr.cfg, junos.conf
    QString text;
};

/**
 * The configuration of every router (every site with links) in one dialect, rendered from a
 * Mustache template (resources/templates, or the override folder) with the address plan,
 * which must cover the network (addressing::plan made it).
 *
 * Every free-text value (names in any language, descriptions) is made one line of characters
 * the dialect accepts: control and line-separator characters become spaces; for VRP, IOS-XR
 * and Junos non-ASCII text is transliterated (ICU Any-Latin; Latin-ASCII: 北京 -> bei jing)
 * and quoting characters replaced. No value can start a line of its own. Hostnames come from
 * the site code. Throws Failure naming the template and line for a template error or an
 * unknown name in it, and naming the bound for a template larger than kMaxTemplateBytes or a
 * rendering beyond the bounds of the options (size of one configuration, of all, time).
 */
std::vector<RouterConfig> generate(const core::Network &network, const Options &options);

/**
 * Writes target/<site code>/<config file> for every configuration, target/addresses.csv (the
 * network's address plan with the dialect's interface names), target/README.md for operations
 * and target/.nqi-config, the list of what NQI wrote there. Folders get 0777 and files 0666
 * less the umask.
 *
 * Written to a folder beside target first and moved into place: a failure leaves target as it
 * was. A new or empty target is simply taken. A non-empty one is replaced only when @p replace
 * and only when it is a folder NQI wrote (its .nqi-config is there) holding nothing that list
 * does not name: the old folder is moved aside, the new one moved in, and of the old one only
 * the files listed are removed (anything that appeared since stays, named in the notes
 * returned). Refused: a target that is a file or a symbolic link, one that is or holds one of
 * @p inputs (the project) or the template folder. Throws Failure.
 */
QStringList writeFolder(const core::Network &network,
                        const Options &options,
                        const std::vector<RouterConfig> &configs,
                        const QString &target,
                        bool replace,
                        const QStringList &inputs = {});

/// The built-in template of a dialect (its text and file name).
QString builtinTemplate(addressing::Dialect dialect);
QString templateFileName(addressing::Dialect dialect);
QString configFileName(addressing::Dialect dialect);

/// The safe forms of text, as generate() uses them (tests).
QString oneLine(const QString &text);
QString safeText(addressing::Dialect dialect, const QString &text);
/// Free text as the README gives it: one line (oneLine()), Markdown and HTML markup escaped.
QString markdownText(const QString &text);
QString hostname(const QString &siteCode);

} // namespace nqi::planners::configgen
