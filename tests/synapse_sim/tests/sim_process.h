// Starts the real synapse-sim binary for a test and stops it afterwards.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace synapse_sim_test {

inline constexpr const char* kAdminToken = "admin_secret_token";
inline constexpr const char* kUserToken = "alice_secret_token";

// Seeded with 30 accounts (@admin, @alice and user000001..user000028) and 12 rooms.
std::vector<std::string> defaultArgs();

class SimProcess {
public:
    // Starts synapse-sim on 127.0.0.1:0 with `args` plus --port-file, and
    // waits up to 10 s for the port file. Fails the current test on timeout.
    explicit SimProcess(std::vector<std::string> args = defaultArgs());
    SimProcess(const SimProcess&) = delete;
    SimProcess& operator=(const SimProcess&) = delete;
    ~SimProcess();

    bool started() const { return port_ > 0; }
    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::string baseUrl() const;
    const std::string& workDir() const { return work_dir_; }
    std::string readStdout() const;

    // Sends SIGTERM and returns the exit status, or -1 if it did not exit
    // normally within 5 s.
    int terminate();

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string work_dir_;
};

struct CommandResult {
    int exit_code = -1;
    std::string stdout_text;
    std::string stderr_text;
};

// Runs synapse-sim with `args` to completion (for flags that exit at once).
CommandResult runSim(const std::vector<std::string>& args);

}  // namespace synapse_sim_test
