// Finds the password of a password login: in the config, in a file, or by
// asking on the terminal.
#include "password_source.h"

#include <unistd.h>

namespace matrixctl::auth_password {
namespace {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

std::string server_key(const sdk::Call& call, const char* key) {
  return "servers." + std::string(call.server_name()) + "." + key;
}

std::string read_password_file(const sdk::Call& call, const std::string& path) {
  std::string content = call.read_file(path);
  std::string password(first_line(content));
  wipe(content);
  if (password.empty()) {
    throw sdk::Error(MCTL_ERR_CONFIG, path, "the first line of the password file is empty",
                     "write the password into it, on the first line");
  }
  return password;
}

std::string prompt_password(const sdk::Call& call, const std::string& user_id) {
  const std::string hint = "set " + std::string(kPasswordFileKey) + " (or " + kPasswordKey +
                           ") for server \"" + std::string(call.server_name()) + "\"";
  if (call.flag("no-input")) {
    throw sdk::Error(MCTL_ERR_CONFIG, server_key(call, "api.auth_password"),
                     "no password is configured, and --no-input forbids asking for it", hint);
  }
  if (isatty(STDIN_FILENO) == 0) {
    throw sdk::Error(MCTL_ERR_CONFIG, server_key(call, "api.auth_password"),
                     "no password is configured, and standard input is not a terminal to ask "
                     "for it",
                     hint);
  }
  std::string password = call.prompt("Password for " + user_id + ":", true);
  if (password.empty()) {
    throw sdk::Error(MCTL_ERR_USAGE, "password for " + user_id, "the entered password is empty",
                     "enter the account's password");
  }
  return password;
}

}  // namespace

std::string configured_username(const sdk::Call& call) {
  const auto value = call.config(kUsernameKey);
  const std::string_view username = value ? trim(*value) : std::string_view();
  if (username.empty()) {
    throw sdk::Error(MCTL_ERR_CONFIG, server_key(call, kUsernameKey), "missing",
                     "set it to the localpart or MXID of an admin account, such as "
                     "username: admin");
  }
  return std::string(username);
}

std::string find_password(const sdk::Call& call, const std::string& user_id) {
  // An empty value counts as unset, so that a template that renders to ""
  // falls through to the next source.
  const auto password = call.config(kPasswordKey);
  const auto file = call.config(kPasswordFileKey);
  const bool has_password = password && !password->empty();
  const bool has_file = file && !trim(*file).empty();

  if (has_password && has_file) {
    call.warning("auth", "both " + server_key(call, kPasswordKey) + " and " +
                             server_key(call, kPasswordFileKey) + " are set: using " +
                             kPasswordKey + ", ignoring " + kPasswordFileKey);
  }
  if (has_password) {
    call.debug("auth", "password of " + user_id + " from " + server_key(call, kPasswordKey));
    return std::string(*password);
  }
  if (has_file) {
    const std::string path(trim(*file));
    call.debug("auth", "password of " + user_id + " from the file " + path);
    return read_password_file(call, path);
  }
  return prompt_password(call, user_id);
}

std::string_view first_line(std::string_view content) {
  std::string_view line = content.substr(0, content.find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

void wipe(std::string& secret) {
  volatile char* bytes = secret.data();
  for (std::size_t i = 0; i < secret.size(); ++i) bytes[i] = '\0';
  secret.clear();
}

}  // namespace matrixctl::auth_password
