// Finds the password of a password login: in the config, in a file, or by
// asking on the terminal.
#pragma once

#include <matrixctl/sdk.hpp>

#include <string>
#include <string_view>

namespace matrixctl::auth_password {

inline constexpr const char* kUsernameKey = "api.auth_password.username";
inline constexpr const char* kPasswordKey = "api.auth_password.password";
inline constexpr const char* kPasswordFileKey = "api.auth_password.password_file";

// The configured user name (a localpart or an MXID) without surrounding
// white space. Throws sdk::Error (MCTL_ERR_CONFIG) when it is missing.
std::string configured_username(const sdk::Call& call);

// The password for `user_id`: api.auth_password.password, else the file at
// api.auth_password.password_file, else a prompt "Password for <user_id>:"
// without echo. Throws sdk::Error when none is configured and no prompt is
// possible (--no-input, or standard input is not a terminal).
std::string find_password(const sdk::Call& call, const std::string& user_id);

// The first line of a password file, without its line ending ("\n" or
// "\r\n"). Spaces and tabs belong to the password.
std::string_view first_line(std::string_view content);

// Overwrites a string that held a secret before its memory is freed.
void wipe(std::string& secret);

// Wipes a secret string on every path out of a scope, exceptions included.
class WipeOnExit {
 public:
  explicit WipeOnExit(std::string& secret) : secret_(secret) {}
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;
  ~WipeOnExit() { wipe(secret_); }

 private:
  std::string& secret_;
};

}  // namespace matrixctl::auth_password
