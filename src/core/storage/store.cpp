#include "core/storage/store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace starling::storage {
namespace {

Error ioError(const char* what, const std::string& path) {
    const int err = errno;
    return makeError(err == ENOSPC || err == EDQUOT ? "quota" : "io",
                     std::string(what) + " " + path + ": " + std::strerror(err));
}

// Relative, no "..", no empty or "." segments, no backslashes or NULs.
bool validRelative(std::string_view path) {
    if (path.empty() || path.front() == '/' || path.back() == '/') return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        const std::string_view seg = path.substr(start, end - start);
        if (seg.empty() || seg == "." || seg == "..") return false;
        start = end + 1;
    }
    return path.find('\\') == std::string_view::npos && path.find('\0') == std::string_view::npos;
}

Result<void> makeDirs(const std::string& dir) {
    if (dir.empty()) return {};
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) return {};
        errno = ENOTDIR;
        return ioError("mkdir", dir);
    }
    const std::size_t slash = dir.find_last_of('/');
    if (slash != std::string::npos && slash > 0) {
        auto parent = makeDirs(dir.substr(0, slash));
        if (!parent) return parent;
    }
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return ioError("mkdir", dir);
    return {};
}

std::string parentOf(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

bool writeAll(int fd, std::string_view data) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

Error badPath(std::string_view path) {
    return makeError("bad-path", "refused path: " + std::string(path));
}

}  // namespace

Store::Store(std::string rootDir) : m_root(std::move(rootDir)) {
    while (m_root.size() > 1 && m_root.back() == '/') m_root.pop_back();
}

Result<std::string> Store::read(std::string_view path) const {
    if (!validRelative(path)) return badPath(path);
    const std::string full = m_root + "/" + std::string(path);
    const int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) return makeError("not-found", full);
        return ioError("open", full);
    }
    std::string out;
    char buf[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            Error e = ioError("read", full);
            ::close(fd);
            return e;
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

Result<void> Store::writeAtomic(std::string_view path, std::string_view data) {
    if (!validRelative(path)) return badPath(path);
    const std::string full = m_root + "/" + std::string(path);
    auto dirs = makeDirs(parentOf(full));
    if (!dirs) return dirs;
    const std::string tmp = full + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return ioError("create", tmp);
    if (!writeAll(fd, data) || ::fsync(fd) != 0) {
        Error e = ioError("write", tmp);
        ::close(fd);
        ::unlink(tmp.c_str());  // the old file is untouched
        return e;
    }
    if (::close(fd) != 0) {
        Error e = ioError("close", tmp);
        ::unlink(tmp.c_str());
        return e;
    }
    if (::rename(tmp.c_str(), full.c_str()) != 0) {
        Error e = ioError("rename", full);
        ::unlink(tmp.c_str());
        return e;
    }
    // Best effort: make the rename itself durable (natively; a no-op on the browser's file systems).
    const int dirFd = ::open(parentOf(full).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

Result<void> Store::append(std::string_view path, std::string_view data) {
    if (!validRelative(path)) return badPath(path);
    const std::string full = m_root + "/" + std::string(path);
    auto dirs = makeDirs(parentOf(full));
    if (!dirs) return dirs;
    const int fd = ::open(full.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return ioError("open", full);
    struct stat before {};
    const bool sized = ::fstat(fd, &before) == 0;
    if (!writeAll(fd, data)) {
        Error e = ioError("append", full);
        // Cut a partial record back off, so the next append does not glue onto it (both would be lost).
        if (sized) (void)::ftruncate(fd, before.st_size);
        ::close(fd);
        return e;
    }
    if (::close(fd) != 0) return ioError("close", full);
    return {};
}

Result<void> Store::remove(std::string_view path) {
    if (!validRelative(path)) return badPath(path);
    const std::string full = m_root + "/" + std::string(path);
    if (::unlink(full.c_str()) != 0 && errno != ENOENT) return ioError("unlink", full);
    return {};
}

namespace {
Result<void> removeRecursive(const std::string& full) {
    struct stat st {};
    if (::lstat(full.c_str(), &st) != 0) {
        if (errno == ENOENT) return {};
        return ioError("stat", full);
    }
    if (!S_ISDIR(st.st_mode)) {
        if (::unlink(full.c_str()) != 0 && errno != ENOENT) return ioError("unlink", full);
        return {};
    }
    DIR* dir = ::opendir(full.c_str());
    if (!dir) return ioError("opendir", full);
    std::vector<std::string> names;
    while (const dirent* ent = ::readdir(dir)) {
        const std::string name = ent->d_name;
        if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(dir);
    for (const auto& name : names) {
        auto r = removeRecursive(full + "/" + name);
        if (!r) return r;
    }
    if (::rmdir(full.c_str()) != 0 && errno != ENOENT) return ioError("rmdir", full);
    return {};
}
}  // namespace

Result<void> Store::removeTree(std::string_view dir) {
    if (!validRelative(dir)) return badPath(dir);
    return removeRecursive(m_root + "/" + std::string(dir));
}

Result<std::vector<std::string>> Store::list(std::string_view dir) const {
    std::string full = m_root;
    if (!dir.empty()) {
        if (!validRelative(dir)) return badPath(dir);
        full += "/" + std::string(dir);
    }
    DIR* d = ::opendir(full.c_str());
    if (!d) {
        if (errno == ENOENT) return std::vector<std::string>{};
        return ioError("opendir", full);
    }
    std::vector<std::string> names;
    while (const dirent* ent = ::readdir(d)) {
        const std::string name = ent->d_name;
        if (name.empty() || name.front() == '.') continue;
        if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0) continue;  // half-written
        names.push_back(name);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

bool Store::exists(std::string_view path) const {
    if (!validRelative(path)) return false;
    struct stat st {};
    return ::stat((m_root + "/" + std::string(path)).c_str(), &st) == 0;
}

}  // namespace starling::storage
