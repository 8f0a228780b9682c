// Command-line options of synapse-sim.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace synapse_sim {

struct Options {
    std::string listen_host = "127.0.0.1";
    int listen_port = 0;  // 0 picks a free port
    std::string admin_token;
    std::optional<std::string> user_token;
    std::int64_t users = 10;
    std::int64_t rooms = 5;
    std::string server_name = "example.org";
    std::string port_file;
    std::string record_file;
    double rate_limit = 0;  // requests per second over all clients; 0 turns it off
    std::string version_string = "1.157.1 (b=sim)";
    std::optional<std::string> admin_password;  // password of @admin for POST /login

    // MAS mode (delegated auth): on when mas_introspection_url is set.
    std::string mas_issuer;             // base URL; auth_metadata fetches its discovery document
    std::string mas_introspection_url;  // RFC 7662 endpoint, <issuer>/oauth2/introspect by default
    std::string mas_client_id;
    std::string mas_client_secret;
    bool mas_client_secret_post = false;  // client_secret_post instead of client_secret_basic

    bool masMode() const { return !mas_introspection_url.empty(); }
};

enum class OptionsOutcome { Run, Help, UsageError };

// Parses argv without the program name. On UsageError, `error` contains
// "<subject>: <reason>; <what to do>" for the "synapse-sim: error: " prefix.
OptionsOutcome parseOptions(const std::vector<std::string>& args, Options& options, std::string& error);

std::string usageText();

}  // namespace synapse_sim
