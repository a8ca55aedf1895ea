#include "python/project.h"

#include "core/io/outputfile.h"

#include <QFileInfo>

#include <pybind11/pybind11.h>

namespace nqi::python {

namespace py = pybind11;
using core::Failure;
using core::makeError;

namespace {

// The lock as the command line takes it (app/cli lockProject), with the ways out a Python user
// has instead of --wait.
std::unique_ptr<core::ProjectLock> takeLock(const QString &path, int waitSeconds)
{
    core::ProjectLock::Options options;
    options.program = Project::lockProgram();
    options.waitSeconds = waitSeconds;
    try {
        return std::make_unique<core::ProjectLock>(path, options);
    } catch (const Failure &failure) {
        core::Diagnostic d = failure.diagnostic();
        if (waitSeconds == 0 && d.message.contains(u"is locked for writing"_qs))
            d.message += u", or open it with readonly=True, or give wait=SECONDS"_qs;
        throw Failure(d);
    }
}

bool sameFile(const QString &a, const QString &b)
{
    const QFileInfo first(a), second(b);
    if (first.exists() && second.exists())
        return first.canonicalFilePath() == second.canonicalFilePath();
    return first.absoluteFilePath() == second.absoluteFilePath();
}

} // namespace

QString Project::lockProgram()
{
    return u"nqi Python module"_qs;
}

std::unique_ptr<Project> Project::open(const QString &path, bool readOnly, int waitSeconds)
{
    std::unique_ptr<Project> project(new Project);
    project->m_path = path;
    project->m_readOnly = readOnly;
    py::gil_scoped_release release;
    // Locked before it is read, so nothing another writer saves meanwhile is lost.
    if (!readOnly)
        project->m_lock = takeLock(path, waitSeconds);
    project->m_network = core::ProjectStore::load(path, project->m_stamp);
    return project;
}

std::unique_ptr<Project> Project::create(const core::ProjectSettings &settings)
{
    std::unique_ptr<Project> project(new Project);
    project->m_network.setSettings(settings);
    project->m_readOnly = false;
    return project;
}

std::unique_ptr<Project> Project::copy() const
{
    std::unique_ptr<Project> project(new Project);
    project->m_network = m_network;
    project->m_readOnly = false;
    return project;
}

core::ImportReport Project::importFiles(const QStringList &paths,
                                        const core::ImportOptions &options)
{
    // The project is never one of the files read into it.
    if (!m_path.isEmpty())
        core::refuseOutputThatIsInput(m_path, paths, u"the project"_qs);
    core::Network network = m_network;
    core::ImportReport report;
    {
        py::gil_scoped_release release;
        report = core::Importer::importFiles(network, paths, options);
    }
    m_network = std::move(network);
    return report;
}

void Project::save()
{
    if (m_path.isEmpty()) {
        throw Failure(
            makeError({}, 0, u"project"_qs, u"it has no file yet: save it with save_as(PATH)"_qs));
    }
    if (m_closed) {
        throw Failure(makeError(m_path, 0, {},
                                u"was closed, and its lock with it: open it again to save, or "
                                "save it as another file with save_as(PATH)"_qs));
    }
    if (m_readOnly || !m_lock) {
        throw Failure(makeError(m_path, 0, {},
                                u"was opened read-only: open it with readonly=False to save it, or "
                                "save it as another file with save_as(PATH)"_qs));
    }
    const core::Network snapshot = m_network;
    py::gil_scoped_release release;
    const std::lock_guard guard(m_fileMutex);
    core::ProjectStore::save(snapshot, m_path, m_stamp);
}

void Project::saveAs(const QString &path, bool overwrite)
{
    const core::Network snapshot = m_network;
    py::gil_scoped_release release;
    const std::lock_guard guard(m_fileMutex);
    const bool same = !m_path.isEmpty() && sameFile(m_path, path);
    if (same && m_lock) {
        core::ProjectStore::save(snapshot, m_path, m_stamp);
        return;
    }
    std::unique_ptr<core::ProjectLock> lock = takeLock(path, 0);
    core::FileStamp stamp; // null: the file must not exist when it is written
    if (same) {
        stamp = m_stamp; // the file read, read-only: saved only if nobody changed it since
    } else if (QFileInfo::exists(path)) {
        if (!overwrite) {
            throw Failure(
                makeError(path, 0, {}, u"already exists; give overwrite=True to replace it"_qs));
        }
        stamp = core::ProjectStore::stamp(path);
    }
    core::ProjectStore::save(snapshot, path, stamp);
    m_lock = std::move(lock);
    m_path = path;
    m_stamp = stamp;
    m_readOnly = false;
    m_closed = false;
}

void Project::close()
{
    py::gil_scoped_release release;
    const std::lock_guard guard(m_fileMutex);
    m_lock.reset();
    m_closed = !m_path.isEmpty();
}

} // namespace nqi::python
