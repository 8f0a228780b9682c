// Password entry for `adduser`: prompts, standard input, and generation.
#pragma once

#include <matrixctl/sdk.hpp>

#include <string>

namespace matrixctl::users {

struct Password {
  std::string value;
  bool generated = false;  // true when matrixctl generated it, so it must be printed once
};

// Synapse rejects longer passwords with 400 "Invalid password".
inline constexpr std::size_t kMaxPasswordCharacters = 512;

// Asks "Password:" and "Password (again):" without echo until both match.
// Two empty entries yield a generated password. Throws sdk::Error
// (MCTL_ERR_USAGE) when standard input is not a terminal.
Password prompt_password(const sdk::Call& call);

// Reads the first line of standard input (without its line ending). Throws
// sdk::Error (MCTL_ERR_USAGE) when it is empty or too long.
Password read_password_from_stdin();

// 24 characters drawn uniformly from a 64-symbol alphabet with getrandom(2),
// 144 bits of entropy.
std::string generate_password();

// Writes one line of the interactive dialog to stderr, so that stdout keeps
// only the command's result (which may be JSON).
void print_dialog_line(const std::string& line);

}  // namespace matrixctl::users
