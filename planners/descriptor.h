#pragma once

#include "core/model/network.h"
#include "planners/common/progress.h"
#include "planners/common/textsummary.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <functional>
#include <limits>
#include <vector>

namespace nqi::planners {

/**
 * A text of the product in its two languages. Planner descriptors carry their own Chinese (they
 * are read by the command line, Python and the workbench alike, not only through Qt's
 * translators).
 */
struct Text
{
    QString en;
    QString zh;

    /// In a language ("zh", "zh_CN": Chinese; anything else: English).
    QString in(const QString &language) const
    {
        return language.startsWith(u"zh") && !zh.isEmpty() ? zh : en;
    }
    bool isEmpty() const { return en.isEmpty(); }
};

struct JsonField;

/**
 * The shape of a JSON value a planner gives: its type and, for an object, its fields; for an
 * array, the shape of every element. Declarative, so that one description serves the check of a
 * stored result, the docs and every reader of the planner.
 */
struct JsonShape
{
    enum class Type { Number, Integer, String, Bool, Object, Array };
    Type type = Type::Object;
    bool nullable = false;           ///< null stands for "none" (no path, no bound)
    std::vector<JsonField> fields;   ///< of an object: the fields readers rely on
    std::vector<JsonShape> elements; ///< of an array: the one shape of each element (if any)

    /// The shape at a dotted path ("te.links", "cablesPerTier.serverLeaf"), looking through
    /// arrays into their elements; null when the shape declares no such field.
    const JsonShape *at(const QString &path) const;
};

struct JsonField
{
    QString name;
    JsonShape shape;
    bool required = true; ///< else checked only when present
};

/// What is wrong with value for shape, naming the field ("links[3].utilization is a string,
/// not a number"); empty when it fits. Fields the shape does not name are allowed.
QString checkJson(const QJsonValue &value, const JsonShape &shape, const QString &where = {});

/// Builders for JsonShape declarations (planners' descriptor files).
namespace shape {
JsonShape number();
JsonShape numberOrNull();
JsonShape integer();
JsonShape string();
JsonShape boolean();
JsonShape arrayOf(JsonShape element);
JsonShape object(std::vector<JsonField> fields);
JsonField optional(const QString &name, JsonShape shape);
} // namespace shape

/**
 * One option of a planner, declared once. `nqi plan NAME --FLAG`, the stored options of a
 * result (key), the workbench's generated form (label, unit, range, help), Python's keyword
 * argument (flag with '_' for '-') and the docs all read this declaration.
 */
struct OptionDescriptor
{
    enum class Type {
        Bool,       ///< a switch: --flag sets it
        Integer,    ///< whole number within [minimum, maximum]
        Number,     ///< finite number within [minimum, maximum]
        Choice,     ///< one of choices (stored as the choice's value)
        Text,       ///< free text (checked by parse, when given)
        NumberList, ///< "1,5,20": numbers within [minimum, maximum]
        ChoiceList, ///< "a,b": values of choices
        Site,       ///< a site's code in the project
        Link,       ///< a link's id in the project
    };
    struct Choice
    {
        Choice(QString value_, Text title_, QStringList aliases_ = {})
            : value(std::move(value_))
            , title(std::move(title_))
            , aliases(std::move(aliases_))
        {
        }
        QString value; ///< as stored and on the command line
        Text title;
        QStringList aliases; ///< also accepted on the command line ("rail" for rail_optimized)
    };

    QString key;  ///< as stored with a result and as the planner's run reads it ("perHopMs")
    QString flag; ///< `nqi plan` flag without dashes ("per-hop-ms")
    /// Bool options true by default: the flag that sets it false ("normal-only"); flag is then
    /// the Python keyword and form key only.
    QString offFlag;
    Type type = Type::Number;
    /// The value when not given: Undefined for a required option, Null when "not given" has a
    /// meaning of its own (no power figure, the link's own length).
    QJsonValue defaultValue = QJsonValue::Null;
    double minimum = -std::numeric_limits<double>::infinity();
    double maximum = std::numeric_limits<double>::infinity();
    bool minimumExclusive = false; ///< above minimum, not at it
    QString unit;                  ///< "ms", "Gbps", "km"; empty for a count or a ratio
    QString valueName;             ///< `--help`'s value name ("MS", "N", "KIND,...")
    Text label;                    ///< a form's label ("Device latency per hop")
    Text help;                     ///< `--help`, tool tips and docs
    std::vector<Choice> choices;   ///< of Choice and ChoiceList
    /// Forms show value x scale (a fraction as a percentage: 100).
    double formScale = 1.0;
    /// Kept with a stored result (false for how a run is done rather than what it computes:
    /// threads).
    bool stored = true;
    /// Only without a project, where the value is otherwise read from it (dci's distance).
    bool withoutProject = false;
    /// Parses a text value (Text options, and each element of lists), else the type's own
    /// rule applies; sets problem and returns Undefined when the text is not valid.
    std::function<QJsonValue(const QString &text, QString &problem)> parse;
    /// Checks a value beyond its type (a Text option's parsed list given as JSON by Python or
    /// a stored result); returns the problem, empty when good.
    std::function<QString(const QJsonValue &value)> validate;

    bool required() const { return defaultValue.isUndefined(); }
    /// The Python keyword when the flag's name cannot be one ("from" is reserved: "start").
    QString python;
    /// The Python keyword argument: python when given, else flag with '_' for '-'
    /// ("per_hop_ms").
    QString pythonName() const;
};

/// A run configuration: the value of an option that changes what a result's figures mean, kept
/// beside the others under its own result key suffix ("resilience+n2").
struct ConfigurationDescriptor
{
    QString suffix;   ///< empty for the planner's first (default) configuration
    QString option;   ///< the option (key) that selects it
    QJsonValue value; ///< that option's value in this configuration
    Text title;       ///< "N-1: single failures"
    /// The Plan menu's entry running it ("Resilience with Link &Pairs (N-2)"); empty: the
    /// planner's menuText (its first configuration).
    Text menuText;
    /// What this configuration adds to the planner's method, for the report's "Methods and
    /// assumptions" when a result of it is printed; empty: nothing to add.
    Text method;
};

/// How a figure is shown in tables, charts and the report.
enum class Format {
    Text,
    Scenario, ///< a failure scenario's name ("link 7 A-B"), translated when shown
    Problem,  ///< a planner's message about a row
    Integer,
    Number,
    Percent, ///< a fraction shown as a percentage
    Bool,
    List,  ///< an array, its elements joined
    Count, ///< an array, by its number of elements
    /// An array of {scenario, utilization} (resilience's top-k), as "link 7 A-B 93.1%, ..."
    Scenarios,
};

/// A column of a result table: the JSON field of each row it shows.
struct ColumnDescriptor
{
    ColumnDescriptor(Text header_,
                     QString field_,
                     Format format_ = Format::Number,
                     int element_ = -1)
        : header(std::move(header_))
        , field(std::move(field_))
        , format(format_)
        , element(element_)
    {
    }
    Text header;
    QString field; ///< dotted path within a row ("cablesPerTier.serverLeaf")
    Format format = Format::Number;
    int element = -1; ///< of an array value: the element shown (circles' "within"), -1: all
};

/// A result table. Rows are the objects of the array at rows, or the result itself (a summary
/// with one row) when rows is empty.
struct TableDescriptor
{
    Text title;
    QString rows; ///< dotted path of the array ("links", "te.links", "circles.sites")
    std::vector<ColumnDescriptor> columns;
    /// What a row stands for on the map: a link (by its "id"), a demand (by its "id"), a
    /// failure scenario (by the named field), a site (by the named field); None for rows that
    /// are not on the map.
    enum class Selects { None, Link, Demand, Scenario, Site };
    Selects selects = Selects::None;
    QString selectField; ///< the row's field that names it ("id", "scenario", "site")
    /// When the rows may be a part of what they list (N-2 lists the severest link-pair cuts
    /// only): the dotted path of the whole count ("cuttingScenarios"); empty: the rows are all.
    QString total = {};
    Text listed = {}; ///< which of them the rows are, when fewer than total
};

/// A chart of a result: one value per row, as bars or a distribution.
struct ChartDescriptor
{
    enum class Kind {
        Bars,      ///< a bar per row (value), labelled by label
        Histogram, ///< distribution of value over rows
        Cdf,       ///< cumulative distribution of value over rows
        Pairs,     ///< two values per row side by side (value, value2)
        Custom,    ///< drawn by the view's own code for this planner (curves from options)
    };
    Kind kind = Kind::Bars;
    Text title;
    QString rows;   ///< dotted path of the array
    QString value;  ///< field within a row
    QString value2; ///< Pairs: the second value
    QString label;  ///< Bars: the field naming each bar
    Text axis;      ///< the value axis ("Utilisation (%)")
    Format format = Format::Number;
};

/// How the map shows a result: links (or sites) coloured by a row's value.
struct MapColouringDescriptor
{
    enum class Target { Links, Sites };
    Target target = Target::Links;
    QString rows;  ///< "links", "te.links"
    QString id;    ///< the row's field naming the link (id) or the site (code)
    QString value; ///< the fraction colouring it ("utilization", "worstUtilization")
    Text legend;   ///< "Worst-case utilisation"
    /// The heading of the report's map of it ("Utilisation in the normal state"), followed by
    /// the run configuration when the planner has several; empty: no map in the report. A
    /// result with such a map is computed for the report when the project holds none current.
    Text reportHeading;
};

/// A headline figure of a result for the report's summary and the Results dock's header.
struct FigureDescriptor
{
    FigureDescriptor(Text label_,
                     QString field_,
                     Format format_ = Format::Number,
                     QString unit_ = {})
        : label(std::move(label_))
        , field(std::move(field_))
        , format(format_)
        , unit(std::move(unit_))
    {
    }
    Text label;    ///< "Worst-case utilisation"
    QString field; ///< dotted path in the result ("maxWorstUtilization")
    Format format = Format::Number;
    QString unit; ///< after the number ("Gbps"); empty for Percent and counts
};

/**
 * A chapter of the report made of one planner's result: its heading, then paragraphs, charts and
 * tables the planner declares. `nqi report --sections` and the report dialog select chapters by
 * section. The result is computed for the report when the project holds none current.
 */
struct ReportChapterDescriptor
{
    QString section; ///< its name in --sections ("links"), unique over all planners
    Text title;      ///< short, in the report dialog's list ("Links and utilisation")
    Text heading;    ///< the chapter's heading ("Links: normal and worst-case utilisation ...")
    /// The run configurations it can print (suffixes; "" the first), preferred first: the
    /// first the project holds current, else the first computed. Empty: the first.
    QStringList configurations;
    /// Paragraphs before the charts, in the language ("zh...": Chinese): what the figures
    /// below rest on (a target, a method, prices that are placeholders). key is the result's.
    std::function<QStringList(const QJsonObject &result,
                              const QString &key,
                              const QString &language)>
        prose;
    std::vector<int> charts;     ///< positions in the planner's charts
    std::vector<QString> tables; ///< rows of its tables, in order; the second on under their titles
    int rows = 20;               ///< rows of each table printed at most (all go to the CSV)
    Text none; ///< said instead of charts and tables when the first table's array is empty
};

/// Which part of the project a planner reads: a result is stale when that part changed.
enum class Reads { Nothing, Network, Site, Link };

struct PlannerDescriptor;

/// The JSON result of a run with these options (already checked and completed with defaults
/// by checkOptions). network is null for a compute planner run without a project.
using RunFunction = std::function<QJsonObject(
    const core::Network *network, const QJsonObject &options, Progress &progress)>;

/**
 * Everything about a planner, declared once in its own folder (planners/route/descriptor.cpp
 * and so on) and registered in planners/registry.cpp. `nqi plan`, the workbench's Plan menu,
 * forms and Results dock, the report and Python are derived from it (ARCHITECTURE.md,
 * "Planner descriptors").
 */
struct PlannerDescriptor
{
    QString name;     ///< as `nqi plan NAME` and result keys give it
    Text title;       ///< "Resilience"
    Text menuText;    ///< "Re&silience: Every Single Failure" in the Plan menu
    QString shortcut; ///< the Plan menu's key for its first configuration ("Ctrl+R"), if any
    /// The Plan menu opens its form first (prices, sizes or a subject to give); else each
    /// configuration runs at once with the options of its last run, and "Run with Options"
    /// opens the form.
    bool asks = false;
    Text description; ///< what it computes (`nqi plan NAME --help`, the form's header, docs)
    std::vector<OptionDescriptor> options;
    std::vector<ConfigurationDescriptor> configurations; ///< empty: one configuration
    /// What it reads of the project: Network (the whole network; the digest covers it), Site or
    /// Link (one, named by the option subjectOption; the result key's subject), Nothing.
    Reads reads = Reads::Network;
    QString subjectOption;    ///< the option naming the subject ("site", "link")
    bool needsProject = true; ///< false: can run on options alone (compute planners)
    RunFunction run;
    JsonShape result; ///< the JSON run gives (docs/planners.md)
    std::vector<TableDescriptor> tables;
    std::vector<ChartDescriptor> charts;
    std::vector<MapColouringDescriptor> map;
    std::vector<FigureDescriptor> figures;
    std::vector<ReportChapterDescriptor> chapters;
    /// Its summary in words for `nqi plan NAME` without --json; none: the headline figures and
    /// the first rows of its first table.
    TextSummary textSummary;
    /// How it computes, for the report's "Methods and assumptions" (a paragraph per planner
    /// whose result the report prints); its configurations may add to it.
    Text method;

    const OptionDescriptor *option(const QString &key) const;
    /// The table whose rows are those at rows ("links", "te.links"); null when none is.
    const TableDescriptor *table(const QString &rows) const;
};

/**
 * Checks options against a planner's declaration and completes them with defaults: unknown
 * keys, wrong types, values out of range and missing required options are refused with a
 * message naming the option as the command line does ("--target: 1.5 is above the maximum 1").
 * Returns the problem, empty when the options are good (options then holds every option
 * with a value, defaults filled in).
 */
QString checkOptions(const PlannerDescriptor &planner,
                     QJsonObject &options,
                     const core::Network *network = nullptr);

/// Parses an option's value from command-line text ("1,5,20" for a NumberList); Undefined and
/// the problem when the text is not a valid value.
QJsonValue parseOptionText(const OptionDescriptor &option, const QString &text, QString &problem);

/// A value as the command line gives it: lists joined by commas, an entry of a rate list as
/// GBPS:COST ("100:1,400:3").
QString commandLineText(const QJsonValue &value);
/// Options as the flags of `nqi plan NAME` that give them ("--n2 --top 10"), in declaration
/// order; a switch only when it is not its default.
QStringList commandLineFlags(const PlannerDescriptor &planner, const QJsonObject &options);

/// The options kept with a stored result: those declared stored, in declaration order.
QJsonObject storedOptions(const PlannerDescriptor &planner, const QJsonObject &options);

} // namespace nqi::planners

namespace nqi::planners::common {
/// Options several planners share, declared once.
OptionDescriptor perHopOption(double defaultMs = 0.0);
OptionDescriptor threadsOption();
/// An option with its key, flag, type, default, value name, label and help (the rest as
/// OptionDescriptor's defaults).
OptionDescriptor makeOption(const QString &key,
                            const QString &flag,
                            OptionDescriptor::Type type,
                            QJsonValue defaultValue,
                            const QString &valueName,
                            Text label,
                            Text help);
/// A number option of at least 0 (compute planners' sizes, rates and prices).
OptionDescriptor amountOption(const QString &key,
                              const QString &flag,
                              QJsonValue defaultValue,
                              const QString &unit,
                              const QString &valueName,
                              Text label,
                              Text help);
/// A list of rates with a price each, "GBPS:COST,..." on the command line (repeatable) and
/// [{"gbps": .., costField: ..}, ...] as JSON: capacity's modules, ingest's lines.
void makeRateCostList(OptionDescriptor &option, const QString &costField, int maxEntries);
} // namespace nqi::planners::common
