#pragma once
// A process of another implementation (an interop peer): started by us with its stdout and stderr in a
// file, stopped by its pid (SIGTERM) when it goes out of scope.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <string>
#include <vector>

#include "integration/client_harness.h"

extern char** environ;

namespace starling::integration {

// The peer process: started by us, stopped by its pid.
class PeerProcess {
public:
    PeerProcess(const std::vector<std::string>& args, const std::string& outPath) : m_out(outPath) {
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        if (posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) m_pid = 0;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~PeerProcess() {
        if (m_pid <= 0) return;
        ::kill(m_pid, SIGTERM);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
    bool started() const { return m_pid > 0; }
    std::string output() const { return readFile(m_out); }
    bool said(const std::string& line) const { return output().find(line) != std::string::npos; }

private:
    pid_t m_pid = 0;
    std::string m_out;
};

}  // namespace starling::integration
