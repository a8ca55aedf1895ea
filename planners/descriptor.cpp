#include "planners/descriptor.h"

#include "core/model/diagnostic.h"
#include "core/model/numbers.h"

#include <QJsonArray>

#include <cmath>
#include <optional>

namespace nqi::planners {

namespace shape {

namespace {
JsonShape of(JsonShape::Type type)
{
    JsonShape result;
    result.type = type;
    return result;
}
} // namespace

JsonShape number()
{
    return of(JsonShape::Type::Number);
}
JsonShape numberOrNull()
{
    JsonShape result = of(JsonShape::Type::Number);
    result.nullable = true;
    return result;
}
JsonShape integer()
{
    return of(JsonShape::Type::Integer);
}
JsonShape string()
{
    return of(JsonShape::Type::String);
}
JsonShape boolean()
{
    return of(JsonShape::Type::Bool);
}
JsonShape arrayOf(JsonShape element)
{
    JsonShape result = of(JsonShape::Type::Array);
    result.elements.push_back(std::move(element));
    return result;
}
JsonShape object(std::vector<JsonField> fields)
{
    JsonShape result = of(JsonShape::Type::Object);
    result.fields = std::move(fields);
    return result;
}
JsonField optional(const QString &name, JsonShape shape)
{
    return {name, std::move(shape), false};
}

} // namespace shape

const JsonShape *JsonShape::at(const QString &path) const
{
    const JsonShape *current = this;
    if (path.isEmpty())
        return current;
    for (const QString &part : path.split(u'.')) {
        while (current->type == Type::Array && !current->elements.empty())
            current = &current->elements.front();
        if (current->type != Type::Object)
            return nullptr;
        const JsonShape *next = nullptr;
        for (const JsonField &field : current->fields)
            if (field.name == part)
                next = &field.shape;
        if (!next)
            return nullptr;
        current = next;
    }
    return current;
}

namespace {

using Type = JsonShape::Type;

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_qs;
    case QJsonValue::Bool:
        return u"a boolean"_qs;
    case QJsonValue::Double:
        return u"the number %1"_qs.arg(value.toDouble());
    case QJsonValue::String:
        return u"a string"_qs;
    case QJsonValue::Array:
        return u"an array"_qs;
    case QJsonValue::Object:
        return u"an object"_qs;
    case QJsonValue::Undefined:
        break;
    }
    return u"missing"_qs;
}

QString expected(const JsonShape &shape)
{
    QString what;
    switch (shape.type) {
    case Type::Number:
        what = u"a number"_qs;
        break;
    case Type::Integer:
        what = u"an integer"_qs;
        break;
    case Type::String:
        what = u"a string"_qs;
        break;
    case Type::Bool:
        what = u"true or false"_qs;
        break;
    case Type::Object:
        what = u"an object"_qs;
        break;
    case Type::Array:
        what = u"an array"_qs;
        break;
    }
    return shape.nullable ? what + u" or null"_qs : what;
}

// A mismatch: what is wrong, and where (the path from the value checked, innermost first, built
// only when something is wrong).
struct Mismatch
{
    QStringList path;
    QString what;
};

std::optional<Mismatch> mismatch(const QJsonValue &value, const JsonShape &shape)
{
    if (value.isNull() && shape.nullable)
        return std::nullopt;
    bool fits = false;
    switch (shape.type) {
    case Type::Number: // inf and NaN are no figures (JSON writes them as null)
        fits = value.isDouble() && std::isfinite(value.toDouble());
        break;
    case Type::Integer: {
        const double v = value.toDouble(0.5);
        fits = value.isDouble() && std::trunc(v) == v && std::abs(v) <= 9007199254740992.0;
        break;
    }
    case Type::String:
        fits = value.isString();
        break;
    case Type::Bool:
        fits = value.isBool();
        break;
    case Type::Object:
        fits = value.isObject();
        break;
    case Type::Array:
        fits = value.isArray();
        break;
    }
    if (!fits)
        return Mismatch{{}, u"is %1, not %2"_qs.arg(describe(value), expected(shape))};
    if (shape.type == Type::Object) {
        const QJsonObject object = value.toObject();
        for (const JsonField &field : shape.fields) {
            const auto it = object.constFind(field.name);
            if (it == object.constEnd()) {
                if (field.required)
                    return Mismatch{{field.name}, u"is missing"_qs};
                continue;
            }
            if (std::optional<Mismatch> inner = mismatch(*it, field.shape)) {
                inner->path.append(field.name);
                return inner;
            }
        }
    } else if (shape.type == Type::Array && !shape.elements.empty()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (std::optional<Mismatch> inner = mismatch(array.at(i), shape.elements.front())) {
                inner->path.append(u"[%1]"_qs.arg(i));
                return inner;
            }
        }
    }
    return std::nullopt;
}

} // namespace

QString checkJson(const QJsonValue &value, const JsonShape &shape, const QString &where)
{
    const std::optional<Mismatch> found = mismatch(value, shape);
    if (!found)
        return {};
    QString path = where;
    for (auto it = found->path.crbegin(); it != found->path.crend(); ++it)
        path += (it->startsWith(u'[') || path.isEmpty() ? QString() : u"."_qs) + *it;
    if (path.isEmpty())
        return u"the result "_qs + found->what;
    return u"field \"%1\" %2"_qs.arg(path, found->what);
}

QString commandLineText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_qs : u"false"_qs;
    case QJsonValue::Double:
        return text::plain(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &element : value.toArray())
            parts << commandLineText(element);
        return parts.join(u',');
    }
    case QJsonValue::Object: {
        QStringList parts;
        const QJsonObject object = value.toObject();
        if (object.contains(u"gbps"_qs)) // rate first, as GBPS:COST
            parts << commandLineText(object.value(u"gbps"_qs));
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            if (it.key() != u"gbps")
                parts << commandLineText(it.value());
        return parts.join(u':');
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QStringList commandLineFlags(const PlannerDescriptor &planner, const QJsonObject &options)
{
    QStringList flags;
    for (const OptionDescriptor &option : planner.options) {
        const QJsonValue value = options.value(option.key);
        if (value.isUndefined() || value.isNull())
            continue;
        if (option.type == OptionDescriptor::Type::Bool) {
            // The flag that says it, when it is not the default.
            if (value.toBool() && !option.defaultValue.toBool(false))
                flags << u"--"_qs + option.flag;
            else if (!value.toBool() && option.defaultValue.toBool(false) &&
                     !option.offFlag.isEmpty())
                flags << u"--"_qs + option.offFlag;
            continue;
        }
        flags << u"--"_qs + option.flag + u' ' + commandLineText(value);
    }
    return flags;
}

QString OptionDescriptor::pythonName() const
{
    if (!python.isEmpty())
        return python;
    QString name = flag;
    return name.replace(u'-', u'_');
}

const TableDescriptor *PlannerDescriptor::table(const QString &rows) const
{
    for (const TableDescriptor &t : tables)
        if (t.rows == rows)
            return &t;
    return nullptr;
}

const OptionDescriptor *PlannerDescriptor::option(const QString &key) const
{
    for (const OptionDescriptor &o : options)
        if (o.key == key)
            return &o;
    return nullptr;
}

namespace {

using OType = OptionDescriptor::Type;

// A number as people write it: whole numbers in full ("2000000000", not "2e+09").
QString plain(double value)
{
    if (std::isfinite(value) && std::trunc(value) == value && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    return core::formatNumber(value);
}

QString flagName(const OptionDescriptor &option)
{
    return u"--"_qs + option.flag;
}

QString rangeText(const OptionDescriptor &option)
{
    const bool low = std::isfinite(option.minimum), high = std::isfinite(option.maximum);
    if (low && high)
        return option.minimumExclusive
                   ? u"above %1 and at most %2"_qs.arg(plain(option.minimum), plain(option.maximum))
                   : u"%1..%2"_qs.arg(plain(option.minimum), plain(option.maximum));
    if (low)
        return (option.minimumExclusive ? u"above %1"_qs : u"at least %1"_qs)
            .arg(plain(option.minimum));
    if (high)
        return u"at most %1"_qs.arg(plain(option.maximum));
    return u"any number"_qs;
}

bool inRange(const OptionDescriptor &option, double value)
{
    if (!std::isfinite(value))
        return false;
    if (option.minimumExclusive ? !(value > option.minimum) : !(value >= option.minimum))
        return false;
    return value <= option.maximum;
}

bool isChoice(const OptionDescriptor &option, const QString &value)
{
    for (const OptionDescriptor::Choice &choice : option.choices)
        if (choice.value == value)
            return true;
    return false;
}

QString choiceValues(const OptionDescriptor &option)
{
    QStringList values;
    for (const OptionDescriptor::Choice &choice : option.choices)
        values << choice.value;
    return values.join(u", "_qs);
}

// One element of a number (or number list) option; problem names the rule.
std::optional<double>
numberValue(const OptionDescriptor &option, const QJsonValue &value, QString &problem)
{
    if (!value.isDouble()) {
        problem = u"must be a number (%1), not %2"_qs.arg(rangeText(option), describe(value));
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (!inRange(option, number)) {
        problem = u"%1 is out of range: give %2"_qs.arg(plain(number), rangeText(option));
        return std::nullopt;
    }
    if (option.type == OType::Integer && std::trunc(number) != number) {
        problem = u"%1 is not a whole number"_qs.arg(core::formatNumber(number));
        return std::nullopt;
    }
    return number;
}

// Checks one given (non-null) value; empty when good. value may be normalised (text parsed).
QString checkValue(const OptionDescriptor &option, QJsonValue &value, const core::Network *network)
{
    QString problem;
    // A number, a list or a link given as text (from a form or Python): parsed as the command
    // line parses it first.
    const bool parsesText = option.type == OType::Integer || option.type == OType::Number ||
                            option.type == OType::NumberList ||
                            option.type == OType::ChoiceList || option.type == OType::Link;
    if (parsesText && value.isString()) {
        QJsonValue parsed = parseOptionText(option, value.toString(), problem);
        if (parsed.isUndefined())
            return problem;
        value = parsed;
    }
    switch (option.type) {
    case OType::Bool:
        if (!value.isBool())
            return u"must be true or false, not %1"_qs.arg(describe(value));
        return {};
    case OType::Integer:
    case OType::Number:
        if (!numberValue(option, value, problem))
            return problem;
        if (option.type == OType::Integer)
            value = qint64(value.toDouble());
        return {};
    case OType::Choice:
        if (value.isString() && !isChoice(option, value.toString())) {
            QString ignored;
            if (QJsonValue parsed = parseOptionText(option, value.toString(), ignored);
                !parsed.isUndefined())
                value = parsed; // an alias ("rail")
        }
        if (!value.isString() || !isChoice(option, value.toString()))
            return u"must be one of %1, not %2"_qs.arg(
                choiceValues(option), value.isString()
                                          ? u"\"%1\""_qs.arg(core::excerpt(value.toString()))
                                          : describe(value));
        return {};
    case OType::Text:
        if (!value.isString() && !option.parse) // a parsed value (number, list) given as JSON
            return u"must be text, not %1"_qs.arg(describe(value));
        if (option.parse && value.isString()) {
            QJsonValue parsed = option.parse(value.toString(), problem);
            if (parsed.isUndefined())
                return problem;
            value = parsed;
        }
        return option.validate ? option.validate(value) : QString();
    case OType::NumberList: {
        if (!value.isArray() || value.toArray().isEmpty())
            return u"must be a list of numbers (%1), not %2"_qs.arg(rangeText(option),
                                                                    describe(value));
        for (const QJsonValue &element : value.toArray())
            if (!numberValue(option, element, problem))
                return problem;
        return {};
    }
    case OType::ChoiceList: {
        if (!value.isArray() || value.toArray().isEmpty())
            return u"must be a list of %1, not %2"_qs.arg(choiceValues(option), describe(value));
        for (const QJsonValue &element : value.toArray())
            if (!element.isString() || !isChoice(option, element.toString()))
                return u"\"%1\" is not one of %2"_qs.arg(core::excerpt(element.toString()),
                                                         choiceValues(option));
        return {};
    }
    case OType::Site:
        if (!value.isString() || value.toString().isEmpty())
            return u"must be a site's code, not %1"_qs.arg(describe(value));
        if (network && !network->siteByCode(value.toString()))
            return u"there is no site \"%1\" in the project; `nqi export --layer sites` lists "
                   "them"_qs.arg(core::excerpt(value.toString()));
        return {};
    case OType::Link: {
        const double id = value.toDouble(-1);
        if (!value.isDouble() || std::trunc(id) != id || id < 1 || id > 9007199254740991.0)
            return u"must be a link's id (a whole number from 1), not %1"_qs.arg(describe(value));
        value = qint64(id);
        if (network && !network->link(qint64(id)))
            return u"there is no link %1 in the project; `nqi export --layer links` lists "
                   "them"_qs.arg(qint64(id));
        return {};
    }
    }
    return {};
}

} // namespace

QJsonValue parseOptionText(const OptionDescriptor &option, const QString &text, QString &problem)
{
    const QString trimmed = text.trimmed();
    auto number = [&](const QString &part) -> QJsonValue {
        bool ok = false;
        const double value = part.trimmed().toDouble(&ok);
        if (!ok) {
            problem = u"\"%1\" is not a number"_qs.arg(core::excerpt(part));
            return QJsonValue(QJsonValue::Undefined);
        }
        return value;
    };
    switch (option.type) {
    case OType::Bool:
        if (trimmed == u"true" || trimmed == u"1" || trimmed == u"yes")
            return true;
        if (trimmed == u"false" || trimmed == u"0" || trimmed == u"no")
            return false;
        problem = u"\"%1\" is not true or false"_qs.arg(core::excerpt(text));
        return QJsonValue(QJsonValue::Undefined);
    case OType::Integer:
    case OType::Link: {
        const double low = option.type == OType::Link ? 1.0 : option.minimum;
        const double high = option.type == OType::Link ? 9007199254740991.0 : option.maximum;
        const qint64 min = std::isfinite(low) ? qint64(std::ceil(low)) : -9007199254740991;
        const qint64 max = std::isfinite(high) ? qint64(std::floor(high)) : 9007199254740991;
        const std::optional<qint64> parsed = core::parseInteger(trimmed, min, max, problem);
        if (!parsed)
            return QJsonValue(QJsonValue::Undefined);
        return *parsed;
    }
    case OType::Number:
        return number(trimmed);
    case OType::Choice:
        for (const OptionDescriptor::Choice &choice : option.choices)
            if (choice.value == trimmed || QString(choice.value).replace(u'_', u'-') == trimmed ||
                choice.aliases.contains(trimmed))
                return choice.value;
        problem = u"\"%1\" is not one of %2"_qs.arg(core::excerpt(text), choiceValues(option));
        return QJsonValue(QJsonValue::Undefined);
    case OType::Text:
    case OType::Site:
        if (option.parse)
            return option.parse(text, problem);
        return text;
    case OType::NumberList:
    case OType::ChoiceList: {
        QJsonArray values;
        for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
            QJsonValue value =
                option.type == OType::NumberList ? number(part) : QJsonValue(part.trimmed());
            if (value.isUndefined())
                return value;
            values.append(value);
        }
        if (values.isEmpty()) {
            problem = u"give one value or more, separated by commas"_qs;
            return QJsonValue(QJsonValue::Undefined);
        }
        return values;
    }
    }
    return text;
}

QString
checkOptions(const PlannerDescriptor &planner, QJsonObject &options, const core::Network *network)
{
    for (auto it = options.constBegin(); it != options.constEnd(); ++it)
        if (!planner.option(it.key())) {
            QStringList known;
            for (const OptionDescriptor &option : planner.options)
                known << option.key;
            return u"the %1 planner has no option \"%2\"; its options are %3"_qs.arg(
                planner.name, core::excerpt(it.key()), known.join(u", "_qs));
        }
    for (const OptionDescriptor &option : planner.options) {
        QJsonValue value = options.value(option.key);
        if (value.isUndefined() || value.isNull()) {
            if (option.required())
                return u"%1 is required: %2"_qs.arg(flagName(option), option.help.en);
            options.remove(option.key);
            if (!option.defaultValue.isNull() && !option.defaultValue.isUndefined())
                options.insert(option.key, option.defaultValue);
            continue;
        }
        if (const QString problem = checkValue(option, value, network); !problem.isEmpty())
            return u"%1: %2"_qs.arg(flagName(option), problem);
        options.insert(option.key, value);
    }
    return {};
}

QJsonObject storedOptions(const PlannerDescriptor &planner, const QJsonObject &options)
{
    QJsonObject stored;
    for (const OptionDescriptor &option : planner.options)
        if (option.stored && options.contains(option.key))
            stored.insert(option.key, options.value(option.key));
    return stored;
}

} // namespace nqi::planners

namespace nqi::planners::common {

OptionDescriptor perHopOption(double defaultMs)
{
    OptionDescriptor o;
    o.key = u"perHopMs"_qs;
    o.flag = u"per-hop-ms"_qs;
    o.type = OptionDescriptor::Type::Number;
    o.defaultValue = defaultMs;
    o.minimum = 0.0;
    o.maximum = 1000.0;
    o.unit = u"ms"_qs;
    o.valueName = u"MS"_qs;
    o.label = {u"Device latency per hop"_qs, u"每跳设备时延"_qs};
    o.help = {u"Device latency added for every link a path crosses, in ms."_qs,
              u"路径每经过一条链路增加的设备时延，单位 ms。"_qs};
    return o;
}

OptionDescriptor threadsOption()
{
    OptionDescriptor o;
    o.key = u"threads"_qs;
    o.flag = u"threads"_qs;
    o.type = OptionDescriptor::Type::Integer;
    o.defaultValue = 0;
    o.minimum = 0;
    o.maximum = 256; // planners::kMaxThreads
    o.valueName = u"N"_qs;
    o.label = {u"Threads"_qs, u"线程数"_qs};
    o.help = {u"Threads to use; 0: one per core."_qs, u"使用的线程数；0 表示每核一个。"_qs};
    o.stored = false; // how the run is done, not what it computes
    return o;
}

OptionDescriptor makeOption(const QString &key,
                            const QString &flag,
                            OptionDescriptor::Type type,
                            QJsonValue defaultValue,
                            const QString &valueName,
                            Text label,
                            Text help)
{
    OptionDescriptor o;
    o.key = key;
    o.flag = flag;
    o.type = type;
    o.defaultValue = std::move(defaultValue);
    o.valueName = valueName;
    o.label = std::move(label);
    o.help = std::move(help);
    return o;
}

OptionDescriptor amountOption(const QString &key,
                              const QString &flag,
                              QJsonValue defaultValue,
                              const QString &unit,
                              const QString &valueName,
                              Text label,
                              Text help)
{
    OptionDescriptor o = makeOption(key, flag, OptionDescriptor::Type::Number,
                                    std::move(defaultValue), valueName, std::move(label),
                                    std::move(help));
    o.minimum = 0.0;
    o.unit = unit;
    return o;
}

namespace {
// A module's or a line's rate: from 1 Mb/s (below it a plan counts modules by the billion and
// their counts overflow) to 100 Tb/s; a price up to a quadrillion in the project's currency.
constexpr double kMinRateGbps = 0.001, kMaxRateGbps = 100000.0, kMaxCost = 1e15;

bool rateCostFits(double gbps, double cost)
{
    return gbps >= kMinRateGbps && gbps <= kMaxRateGbps && cost >= 0.0 && cost <= kMaxCost;
}
} // namespace

void makeRateCostList(OptionDescriptor &option, const QString &costField, int maxEntries)
{
    option.type = OptionDescriptor::Type::Text;
    const QString flag = option.flag;
    option.validate = [costField, maxEntries](const QJsonValue &value) -> QString {
        if (!value.isArray() || value.toArray().isEmpty())
            return u"must be a list of rates with their prices"_qs;
        const QJsonArray entries = value.toArray();
        if (entries.size() > maxEntries)
            return u"%1 entries are more than %2"_qs.arg(entries.size()).arg(maxEntries);
        for (const QJsonValue &entry : entries) {
            const double gbps = entry[u"gbps"_qs].toDouble(-1),
                         cost = entry[costField].toDouble(-1);
            if (!entry.isObject() || !entry[u"gbps"_qs].isDouble() ||
                !entry[costField].isDouble() || !rateCostFits(gbps, cost))
                return u"each entry needs \"gbps\" from %1 to %2 and \"%3\" from 0 to %4"_qs
                    .arg(text::plain(kMinRateGbps), text::plain(kMaxRateGbps),
                         costField, text::plain(kMaxCost));
        }
        return {};
    };
    option.parse = [costField](const QString &text, QString &problem) -> QJsonValue {
        QJsonArray entries;
        for (const QString &item : text.split(u',', Qt::SkipEmptyParts)) {
            const QStringList parts = item.trimmed().split(u':');
            bool okRate = false, okCost = false;
            const double gbps = parts.value(0).toDouble(&okRate);
            const double cost = parts.value(1).toDouble(&okCost);
            if (parts.size() != 2 || !okRate || !okCost || !rateCostFits(gbps, cost)) {
                problem = u"\"%1\" must be GBPS:COST with a rate from %2 to %3 Gbps and a cost "
                          "from 0 to %4, e.g. 400:3"_qs.arg(core::excerpt(item),
                                                            text::plain(kMinRateGbps),
                                                            text::plain(kMaxRateGbps),
                                                            text::plain(kMaxCost));
                return QJsonValue(QJsonValue::Undefined);
            }
            entries.append(QJsonObject{{u"gbps"_qs, gbps}, {costField, cost}});
        }
        if (entries.isEmpty()) {
            problem = u"give at least one GBPS:COST"_qs;
            return QJsonValue(QJsonValue::Undefined);
        }
        return entries;
    };
}

} // namespace nqi::planners::common
