// Starts the real synapse-sim binary for a test and stops it afterwards.
#include "sim_process.h"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>

#include <gtest/gtest.h>

#include "process_util.h"

namespace synapse_sim_test {
namespace {

pid_t spawnSim(const std::vector<std::string>& args, const std::string& stdout_path, const std::string& stderr_path) {
    std::vector<std::string> argv = {SYNAPSE_SIM_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return spawnProcess(argv, stdout_path, stderr_path);
}

}  // namespace

std::vector<std::string> defaultArgs() {
    return {"--admin-token", kAdminToken, "--user-token", kUserToken, "--users", "30", "--rooms", "12"};
}

SimProcess::SimProcess(std::vector<std::string> args) {
    work_dir_ = makeTempDir("synapse-sim-test");
    if (work_dir_.empty()) {
        ADD_FAILURE() << "cannot create a temporary folder";
        return;
    }
    std::string port_file = work_dir_ + "/port";
    args.insert(args.end(), {"--listen", "127.0.0.1:0", "--port-file", port_file});
    pid_ = spawnSim(args, work_dir_ + "/stdout", work_dir_ + "/stderr");
    if (pid_ < 0) {
        ADD_FAILURE() << "cannot start " << SYNAPSE_SIM_BINARY;
        return;
    }
    int port = waitForPortFile(port_file, pid_, std::chrono::seconds(10));
    if (port < 0) {
        ADD_FAILURE() << "synapse-sim exited early: " << readFile(work_dir_ + "/stderr");
        pid_ = -1;
        return;
    }
    if (port == 0) {
        ADD_FAILURE() << "synapse-sim wrote no port file within 10 s";
        return;
    }
    port_ = port;
}

SimProcess::~SimProcess() {
    terminate();
    if (!work_dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(work_dir_, ignored);
    }
}

std::string SimProcess::baseUrl() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

std::string SimProcess::readStdout() const {
    return readFile(work_dir_ + "/stdout");
}

int SimProcess::terminate() {
    if (pid_ < 0) {
        return -1;
    }
    ::kill(pid_, SIGTERM);
    int code = waitForExit(pid_, std::chrono::seconds(5));
    pid_ = -1;
    return code;
}

CommandResult runSim(const std::vector<std::string>& args) {
    CommandResult result;
    std::string dir = makeTempDir("synapse-sim-test");
    pid_t pid = spawnSim(args, dir + "/stdout", dir + "/stderr");
    if (pid < 0) {
        ADD_FAILURE() << "cannot start " << SYNAPSE_SIM_BINARY;
        return result;
    }
    result.exit_code = waitForExit(pid, std::chrono::seconds(10));
    result.stdout_text = readFile(dir + "/stdout");
    result.stderr_text = readFile(dir + "/stderr");
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return result;
}

}  // namespace synapse_sim_test
