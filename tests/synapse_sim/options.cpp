// Command-line options of synapse-sim.
#include "options.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace synapse_sim {
namespace {

constexpr std::int64_t kMaxUsers = 1000000;
constexpr std::int64_t kMaxRooms = 1000000;

const std::vector<std::string> kValueOptions = {
    "--listen",        "--admin-token",      "--user-token",            "--users",
    "--rooms",         "--port-file",        "--server-name",           "--record",
    "--rate-limit",    "--version-string",   "--admin-password",        "--mas-issuer",
    "--mas-introspection-url", "--mas-client-id", "--mas-client-secret", "--mas-client-auth",
};

const char* kHelpHint = "run 'synapse-sim --help' for usage";

std::size_t editDistance(const std::string& left, const std::string& right) {
    std::vector<std::size_t> previous(right.size() + 1);
    std::vector<std::size_t> current(right.size() + 1);
    for (std::size_t j = 0; j <= right.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= left.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= right.size(); ++j) {
            std::size_t substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[right.size()];
}

std::string unknownOptionError(const std::string& name) {
    std::string best;
    std::size_t best_distance = 3;
    std::vector<std::string> candidates = kValueOptions;
    candidates.push_back("--help");
    for (const std::string& candidate : candidates) {
        std::size_t distance = editDistance(name, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    if (!best.empty()) {
        return name + ": unknown option; did you mean '" + best + "'?";
    }
    return name + ": unknown option; " + kHelpHint;
}

bool parseWholeNumber(const std::string& text, std::int64_t minimum, std::int64_t maximum, std::int64_t& value) {
    if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) {
        return false;
    }
    value = std::stoll(text);
    return value >= minimum && value <= maximum;
}

bool parseListen(const std::string& text, Options& options) {
    std::size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        return false;
    }
    std::string host = text.substr(0, colon);
    std::int64_t port = 0;
    if (!parseWholeNumber(text.substr(colon + 1), 0, 65535, port)) {
        return false;
    }
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    options.listen_host = host;
    options.listen_port = static_cast<int>(port);
    return true;
}

// Accepts http URLs on a loopback host only: the simulator never calls other machines.
bool isLoopbackHttpUrl(const std::string& url) {
    for (const char* prefix : {"http://127.0.0.1:", "http://localhost:", "http://[::1]:"}) {
        std::string text(prefix);
        if (url.rfind(text, 0) == 0 && url.size() > text.size() && std::isdigit(static_cast<unsigned char>(url[text.size()]))) {
            return true;
        }
    }
    return false;
}

std::string withoutTrailingSlash(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

// Completes the MAS options after parsing; returns false and sets `error` when they do not fit.
bool finishMasOptions(Options& options, std::string& error) {
    bool any = !options.mas_issuer.empty() || !options.mas_introspection_url.empty() ||
               !options.mas_client_id.empty() || !options.mas_client_secret.empty();
    if (!any) {
        return true;
    }
    if (options.mas_issuer.empty() && options.mas_introspection_url.empty()) {
        error = "--mas-issuer: missing; MAS mode needs the provider's issuer URL, such as http://127.0.0.1:8080";
        return false;
    }
    if (options.mas_client_id.empty() || options.mas_client_secret.empty()) {
        error = std::string(options.mas_client_id.empty() ? "--mas-client-id" : "--mas-client-secret") +
                ": missing; MAS mode needs the client that may call the introspection endpoint";
        return false;
    }
    if (options.mas_issuer.empty()) {
        // The issuer is the scheme, host and port of the introspection URL, as with MAS.
        std::size_t path = options.mas_introspection_url.find('/', std::string("http://").size());
        options.mas_issuer = options.mas_introspection_url.substr(0, path);
    }
    if (options.mas_introspection_url.empty()) {
        options.mas_introspection_url = options.mas_issuer + "/oauth2/introspect";
    }
    return true;
}

}  // namespace

std::string usageText() {
    return "Usage: synapse-sim --admin-token TOKEN [options]\n"
           "\n"
           "Local stand-in for a Synapse homeserver's Admin API, for tests and benchmarks.\n"
           "Seeded data is deterministic: the same flags always give the same accounts and rooms.\n"
           "\n"
           "Options:\n"
           "  --listen HOST:PORT        address to listen on (default 127.0.0.1:0; port 0 picks a free port)\n"
           "  --admin-token TOKEN       access token of the admin account @admin:<server-name> (required)\n"
           "  --user-token TOKEN        access token of the non-admin account @alice:<server-name>\n"
           "  --users N                 number of accounts in total, special accounts included (default 10)\n"
           "  --rooms N                 number of rooms (default 5)\n"
           "  --server-name NAME        server name in user and room IDs (default example.org)\n"
           "  --port-file FILE          write the listening port to FILE once the socket listens\n"
           "  --record FILE             append every request as one JSON line to FILE\n"
           "  --rate-limit R            answer 429 M_LIMIT_EXCEEDED above R requests per second (default off)\n"
           "  --version-string TEXT     server_version to report (default \"1.157.1 (b=sim)\")\n"
           "  --admin-password PASS     password of @admin for POST /_matrix/client/v3/login (without MAS)\n"
           "\n"
           "MAS mode (authentication delegated to the Matrix Authentication Service):\n"
           "  --mas-issuer URL          issuer of the OpenID provider; turns MAS mode on\n"
           "  --mas-introspection-url URL\n"
           "                            RFC 7662 introspection endpoint (default <issuer>/oauth2/introspect)\n"
           "  --mas-client-id ID        client that authenticates to the introspection endpoint\n"
           "  --mas-client-secret S     its secret\n"
           "  --mas-client-auth METHOD  client_secret_basic (default) or client_secret_post\n"
           "  Every bearer token is then introspected; --admin-token and --user-token stay valid too.\n"
           "\n"
           "  --help                    print this help and exit\n"
           "\n"
           "Once listening, prints \"listening on http://HOST:PORT\" on standard output.\n"
           "Exit status: 0 on SIGTERM or SIGINT, 1 when the server cannot start, 2 on a usage error.\n";
}

OptionsOutcome parseOptions(const std::vector<std::string>& args, Options& options, std::string& error) {
    bool have_admin_token = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        std::string value;
        bool has_inline_value = false;
        std::size_t equals = name.find('=');
        if (name.rfind("--", 0) == 0 && equals != std::string::npos) {
            value = name.substr(equals + 1);
            name = name.substr(0, equals);
            has_inline_value = true;
        }
        if (name == "--help" || name == "-h") {
            return OptionsOutcome::Help;
        }
        if (std::find(kValueOptions.begin(), kValueOptions.end(), name) == kValueOptions.end()) {
            error = name.rfind("-", 0) == 0 ? unknownOptionError(name)
                                            : name + ": unexpected argument; " + kHelpHint;
            return OptionsOutcome::UsageError;
        }
        if (!has_inline_value) {
            if (i + 1 >= args.size()) {
                error = name + ": missing value; " + kHelpHint;
                return OptionsOutcome::UsageError;
            }
            value = args[++i];
        }

        if (name == "--listen") {
            if (!parseListen(value, options)) {
                error = "--listen: invalid address '" + value + "'; use HOST:PORT such as 127.0.0.1:0";
                return OptionsOutcome::UsageError;
            }
        } else if (name == "--admin-token" || name == "--user-token") {
            if (value.empty() || value.find_first_of(" \t\r\n") != std::string::npos) {
                error = name + ": the token must be non-empty and contain no whitespace; pass a token such as 'syt_admin'";
                return OptionsOutcome::UsageError;
            }
            if (name == "--admin-token") {
                options.admin_token = value;
                have_admin_token = true;
            } else {
                options.user_token = value;
            }
        } else if (name == "--users") {
            if (!parseWholeNumber(value, 1, kMaxUsers, options.users)) {
                error = "--users: invalid value '" + value + "'; use a whole number from 1 to " + std::to_string(kMaxUsers);
                return OptionsOutcome::UsageError;
            }
        } else if (name == "--rooms") {
            if (!parseWholeNumber(value, 0, kMaxRooms, options.rooms)) {
                error = "--rooms: invalid value '" + value + "'; use a whole number from 0 to " + std::to_string(kMaxRooms);
                return OptionsOutcome::UsageError;
            }
        } else if (name == "--server-name") {
            if (value.empty() || value.find_first_of("/@!#$ \t") != std::string::npos) {
                error = "--server-name: invalid server name '" + value + "'; use a host name such as example.org";
                return OptionsOutcome::UsageError;
            }
            options.server_name = value;
        } else if (name == "--port-file") {
            options.port_file = value;
        } else if (name == "--record") {
            options.record_file = value;
        } else if (name == "--rate-limit") {
            char* end = nullptr;
            double rate = std::strtod(value.c_str(), &end);
            if (value.empty() || end == nullptr || *end != '\0' || !std::isfinite(rate) || rate <= 0) {
                error = "--rate-limit: invalid value '" + value + "'; use a positive number of requests per second";
                return OptionsOutcome::UsageError;
            }
            options.rate_limit = rate;
        } else if (name == "--version-string") {
            options.version_string = value;
        } else if (name == "--admin-password") {
            if (value.empty()) {
                error = "--admin-password: must not be empty; pass the password @admin should log in with";
                return OptionsOutcome::UsageError;
            }
            options.admin_password = value;
        } else if (name == "--mas-issuer" || name == "--mas-introspection-url") {
            if (!isLoopbackHttpUrl(value)) {
                error = name + ": invalid URL '" + value +
                        "'; use an http URL on 127.0.0.1, localhost or [::1] with a port, such as http://127.0.0.1:8080";
                return OptionsOutcome::UsageError;
            }
            if (name == "--mas-issuer") {
                options.mas_issuer = withoutTrailingSlash(value);
            } else {
                options.mas_introspection_url = value;
            }
        } else if (name == "--mas-client-id") {
            options.mas_client_id = value;
        } else if (name == "--mas-client-secret") {
            options.mas_client_secret = value;
        } else if (name == "--mas-client-auth") {
            if (value != "client_secret_basic" && value != "client_secret_post") {
                error = "--mas-client-auth: invalid method '" + value + "'; use client_secret_basic or client_secret_post";
                return OptionsOutcome::UsageError;
            }
            options.mas_client_secret_post = value == "client_secret_post";
        }
    }

    if (!finishMasOptions(options, error)) {
        return OptionsOutcome::UsageError;
    }
    if (!have_admin_token) {
        error = "--admin-token: missing; pass the access token the admin account should accept";
        return OptionsOutcome::UsageError;
    }
    if (options.user_token) {
        if (*options.user_token == options.admin_token) {
            error = "--user-token: must differ from --admin-token; pass another token";
            return OptionsOutcome::UsageError;
        }
        if (options.users < 2) {
            error = "--users: must be at least 2 with --user-token, which adds @alice; raise --users";
            return OptionsOutcome::UsageError;
        }
    }
    return OptionsOutcome::Run;
}

}  // namespace synapse_sim
