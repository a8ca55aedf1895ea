#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// The closed vocabularies of the model and their names in files (snake_case, stable).
namespace nqi::core {

enum class SiteKind {
    NationalHub,
    DcCluster,
    MetroDc,
    EdgeDc,
    IngestSite,
    Pop,
    GroundStation,
    Enterprise,
    Other
};

enum class LinkMedium { Fiber, DciWave, Leased, Microwave, SatelliteFeeder, Isl };

enum class DemandClass { TrainingSync, IngestBulk, Inference, Replication, BestEffort };

enum class Protection { None, OnePlusOne, Restoration };

enum class RegionPurpose { Coverage, Residency, Both };

QString toString(SiteKind kind);
QString toString(LinkMedium medium);
QString toString(DemandClass demandClass);
QString toString(Protection protection);
QString toString(RegionPurpose purpose);

// Parsers accept the file names above, case-insensitively, with '-' or ' ' for '_'.
std::optional<SiteKind> siteKindFromString(const QString &text);
std::optional<LinkMedium> linkMediumFromString(const QString &text);
std::optional<DemandClass> demandClassFromString(const QString &text);
std::optional<Protection> protectionFromString(const QString &text);
std::optional<RegionPurpose> regionPurposeFromString(const QString &text);

QStringList siteKindNames();
QStringList linkMediumNames();
QStringList demandClassNames();
QStringList protectionNames();
QStringList regionPurposeNames();

} // namespace nqi::core
