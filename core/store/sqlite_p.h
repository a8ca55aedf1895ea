#pragma once

// Thin RAII wrappers over sqlite3 for the project store. Private to core: sqlite3 never appears
// in a public header.

#include "core/model/diagnostic.h"

#include <QByteArray>
#include <QString>

#include <sqlite3.h>

#include <optional>

namespace nqi::core::sqlite {

/// How long a statement waits for another program's write lock before it fails (milliseconds).
inline constexpr int kBusyTimeoutMs = 5000;

class Database
{
public:
    Database(const QString &path, int flags);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    sqlite3 *handle() const { return m_db; }
    const QString &path() const { return m_path; }

    void exec(const char *sql);
    void exec(const QString &sql) { exec(sql.toUtf8().constData()); }
    bool hasTable(const QString &name);
    QString errorMessage() const;
    [[noreturn]] void fail(const QString &what) const;

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
};

class Statement
{
public:
    Statement(Database &db, const char *sql);
    Statement(Database &db, const QString &sql)
        : Statement(db, sql.toUtf8().constData())
    {
    }
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    void bind(int index, qint64 value);
    void bind(int index, double value);
    void bind(int index, const QString &text);
    void bindBlob(int index, const QByteArray &blob);
    void bindNull(int index);
    void bind(int index, const std::optional<double> &value);
    void bind(int index, const std::optional<qint64> &value);

    /// Runs an INSERT/UPDATE to completion and resets for the next row.
    void execute();
    /// Steps a query: true while a row is available.
    bool next();

    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    std::optional<double> optionalReal(int column) const;
    std::optional<qint64> optionalInt64(int column) const;
    /// The column's declared storage class name, for messages.
    QString typeName(int column) const;

private:
    Database &m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace nqi::core::sqlite
