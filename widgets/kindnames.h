#pragma once

#include "core/model/kinds.h"

#include <QString>

namespace nqi::widgets {

// The model's closed vocabularies (core/model/kinds.h) as the interface names them, in its
// language: "Metro data centre", 城域数据中心. Files, exports, the CLI and the report's data keep
// the codes (metro_dc).
/// The interface's language as planner descriptors and the report take it: "zh" when the
/// default locale (main() sets it to the language chosen) is Chinese, else "en".
QString interfaceLanguage();
QString siteKindTitle(core::SiteKind kind);
QString linkMediumTitle(core::LinkMedium medium);
QString demandClassTitle(core::DemandClass demandClass);
QString protectionTitle(core::Protection protection);
QString regionPurposeTitle(core::RegionPurpose purpose);

} // namespace nqi::widgets
