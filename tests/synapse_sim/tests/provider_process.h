// Starts the Node.js OpenID provider of tests/oidc for the MAS-mode tests, and stops it.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace synapse_sim_test {

inline constexpr const char* kIntrospectionClientId = "0000000000000000000SYNAPSE";
inline constexpr const char* kIntrospectionClientSecret = "synapse-introspection-secret";

// Returns why the provider cannot run here (node or tests/oidc/node_modules
// missing), or "" when it can.
std::string providerUnavailableReason();

class ProviderProcess {
public:
    // Starts `node provider.mjs --port-file F` plus `args` and waits up to 15 s
    // for the port file. Fails the current test when it does not start.
    explicit ProviderProcess(const std::vector<std::string>& args = {});
    ProviderProcess(const ProviderProcess&) = delete;
    ProviderProcess& operator=(const ProviderProcess&) = delete;
    ~ProviderProcess();

    bool started() const { return port_ > 0; }
    int port() const { return port_; }
    std::string issuer() const;
    std::string readStderr() const;
    // Sends SIGTERM and waits up to 5 s.
    void stop();

private:
    pid_t pid_ = -1;
    int port_ = 0;
    std::string work_dir_;
};

}  // namespace synapse_sim_test
