// Starts the Node.js OpenID provider of tests/oidc for the MAS-mode tests, and stops it.
#include "provider_process.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "process_util.h"

namespace synapse_sim_test {
namespace {

bool nodeOnPath() {
    const char* path = std::getenv("PATH");
    std::string remaining = path == nullptr ? "" : path;
    std::size_t start = 0;
    while (start <= remaining.size()) {
        std::size_t end = remaining.find(':', start);
        std::string dir = remaining.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!dir.empty() && ::access((dir + "/node").c_str(), X_OK) == 0) {
            return true;
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return false;
}

}  // namespace

std::string providerUnavailableReason() {
    if (!nodeOnPath()) {
        return "node is not on PATH; install Node.js 20 to run the MAS-mode tests";
    }
    std::filesystem::path modules = std::filesystem::path(OIDC_PROVIDER_DIR) / "node_modules" / "oidc-provider";
    if (!std::filesystem::exists(modules)) {
        return modules.string() + " is missing; run scripts/bootstrap (or npm ci in tests/oidc) to run the MAS-mode tests";
    }
    return "";
}

ProviderProcess::ProviderProcess(const std::vector<std::string>& args) {
    work_dir_ = makeTempDir("oidc-provider-test");
    if (work_dir_.empty()) {
        ADD_FAILURE() << "cannot create a temporary folder";
        return;
    }
    std::string port_file = work_dir_ + "/port";
    std::vector<std::string> argv = {"node", std::string(OIDC_PROVIDER_DIR) + "/provider.mjs", "--port-file", port_file};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = spawnProcess(argv, work_dir_ + "/stdout", work_dir_ + "/stderr");
    if (pid_ < 0) {
        ADD_FAILURE() << "cannot start node " << OIDC_PROVIDER_DIR << "/provider.mjs";
        return;
    }
    int port = waitForPortFile(port_file, pid_, std::chrono::seconds(15));
    if (port < 0) {
        ADD_FAILURE() << "provider.mjs exited early: " << readStderr();
        pid_ = -1;
        return;
    }
    if (port == 0) {
        ADD_FAILURE() << "provider.mjs wrote no port file within 15 s: " << readStderr();
        return;
    }
    port_ = port;
}

ProviderProcess::~ProviderProcess() {
    stop();
    if (!work_dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(work_dir_, ignored);
    }
}

std::string ProviderProcess::issuer() const {
    return "http://127.0.0.1:" + std::to_string(port_);
}

std::string ProviderProcess::readStderr() const {
    return readFile(work_dir_ + "/stderr");
}

void ProviderProcess::stop() {
    if (pid_ < 0) {
        return;
    }
    ::kill(pid_, SIGTERM);
    waitForExit(pid_, std::chrono::seconds(5));
    pid_ = -1;
}

}  // namespace synapse_sim_test
