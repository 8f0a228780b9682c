// Runs api.auth_token.token_command (without a shell) and captures the token it prints.
#pragma once

#include <matrixctl/sdk.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace matrixctl::auth_token {

// Reads the command from the config's JSON text (a list of strings).
// Throws sdk::Error (MCTL_ERR_CONFIG) naming `config_key` otherwise.
std::vector<std::string> parse_token_command(std::string_view json, const std::string& config_key);

// Runs `argv` with posix_spawnp: standard output is captured and returned,
// standard error goes to the user's terminal, standard input is /dev/null.
// Throws sdk::Error when it cannot start, exits non-zero, is killed, prints
// more than 64 KiB or runs longer than 30 s.
std::string run_token_command(const sdk::Call& call, const std::vector<std::string>& argv,
                              const std::string& config_key);

}  // namespace matrixctl::auth_token
