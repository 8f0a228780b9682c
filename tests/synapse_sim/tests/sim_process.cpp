// Starts the real synapse-sim binary for a test and stops it afterwards.
#include "sim_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

extern char** environ;

namespace synapse_sim_test {
namespace {

std::string makeTempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "synapse-sim-test.XXXXXX").string();
    char* created = ::mkdtemp(pattern.data());
    return created == nullptr ? std::string() : std::string(created);
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

pid_t spawnSim(const std::vector<std::string>& args, const std::string& stdout_path, const std::string& stderr_path) {
    std::vector<std::string> argv_strings = {SYNAPSE_SIM_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : argv_strings) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

// Waits up to `timeout` for the child; returns its exit code or -1.
int waitForExit(pid_t pid, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return -1;
}

}  // namespace

std::vector<std::string> defaultArgs() {
    return {"--admin-token", kAdminToken, "--user-token", kUserToken, "--users", "30", "--rooms", "12"};
}

SimProcess::SimProcess(std::vector<std::string> args) {
    work_dir_ = makeTempDir();
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
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        std::string text = readFile(port_file);
        if (!text.empty() && text.back() == '\n') {
            port_ = std::atoi(text.c_str());
            return;
        }
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
            ADD_FAILURE() << "synapse-sim exited early: " << readFile(work_dir_ + "/stderr");
            pid_ = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ADD_FAILURE() << "synapse-sim wrote no port file within 10 s";
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
    std::string dir = makeTempDir();
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
