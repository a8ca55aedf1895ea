#pragma once

#include "core/model/diagnostic.h"

#include <QString>

namespace nqi::widgets {

/**
 * A problem the model found, as Diagnostic::toString() says it, in the interface's language:
 * "site S1: latitude 95 is out of range -90..90 degrees" reads 站点 S1：纬度 95 超出范围 -90..90 度
 * in Chinese. The model's messages are English in core (the CLI, the Python module and files
 * say them so); the common ones, those of the site, link and demand checks, are matched here
 * against their English form and translated. A message it does not know, and any message while
 * no translation is installed, comes out exactly as toString() gives it.
 */
QString diagnosticText(const core::Diagnostic &diagnostic);

/// A message alone in the interface's language, as diagnosticText() translates one: a model
/// check's, or why a planner could not serve a demand (a result's "problem": "no two
/// link-disjoint paths join ZJK and HLGE"). Itself when unknown.
QString messageText(const QString &message);

} // namespace nqi::widgets
