// The auth provider "token": an access token that does not expire, from the server's config.
#include "token_provider.h"

#include "token_command.h"

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace matrixctl::auth_token {
namespace {

constexpr const char* kTokenKey = "api.auth_token.token";
constexpr const char* kLegacyTokenKey = "api.token";
constexpr const char* kTokenFileKey = "api.auth_token.token_file";
constexpr const char* kTokenCommandKey = "api.auth_token.token_command";

// In order of precedence.
constexpr std::array<const char*, 4> kSourceKeys = {kTokenKey, kLegacyTokenKey, kTokenFileKey,
                                                    kTokenCommandKey};

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

// An access token goes into the Authorization header, where a space, line
// break or control byte would corrupt the request. Such a value is a
// mistake (two tokens, or a note next to one), not a token.
void check_token(std::string_view token, mctl_status status, const std::string& origin) {
  for (const char c : token) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F) {
      throw sdk::Error(status, origin,
                       "the access token contains a space, line break or non-ASCII character",
                       "it must be the token alone, on one line");
    }
  }
}

std::string read_token_file(const sdk::Call& call, const std::string& path) {
  const std::string content = call.read_file(path);
  const std::string_view token = trim(content);
  if (token.empty()) {
    throw sdk::Error(MCTL_ERR_AUTH, path, "the token file is empty",
                     "write the access token into it");
  }
  check_token(token, MCTL_ERR_AUTH, path);
  return std::string(token);
}

std::string run_command(const sdk::Call& call, std::string_view json,
                        const std::string& config_key) {
  const std::vector<std::string> argv = parse_token_command(json, config_key);
  const std::string output = run_token_command(call, argv, config_key);
  const std::string_view token = trim(output);
  if (token.empty()) {
    throw sdk::Error(MCTL_ERR_AUTH, config_key,
                     "\"" + argv[0] + "\" exited with status 0 but printed no token",
                     "make it print the access token on standard output");
  }
  check_token(token, MCTL_ERR_AUTH, config_key + " (output of \"" + argv[0] + "\")");
  return std::string(token);
}

}  // namespace

sdk::Tokens TokenProvider::acquire(sdk::Call& call) {
  const std::string prefix = "servers." + std::string(call.server_name()) + ".";

  // An empty value counts as unset, so that a template that renders to ""
  // falls through to the next source.
  std::vector<std::pair<const char*, std::string>> sources;
  for (const char* key : kSourceKeys) {
    const auto value = call.config(key);
    if (value && !trim(*value).empty()) sources.emplace_back(key, std::string(*value));
  }
  if (sources.empty()) {
    throw sdk::Error(MCTL_ERR_CONFIG, prefix + "api", "no access token configured",
                     "set api.auth_token.token, api.auth_token.token_file, "
                     "api.auth_token.token_command or the legacy api.token");
  }

  const auto& [key, value] = sources.front();
  const std::string config_key = prefix + key;
  if (sources.size() > 1) {
    std::string ignored;
    for (std::size_t i = 1; i < sources.size(); ++i) {
      ignored += (i > 1 ? ", " : "") + prefix + sources[i].first;
    }
    call.warning("auth", "several access token sources are set: using " + config_key +
                             ", ignoring " + ignored);
  }

  std::string token;
  if (std::string_view(key) == kTokenFileKey) {
    token = read_token_file(call, value);
  } else if (std::string_view(key) == kTokenCommandKey) {
    token = run_command(call, value, config_key);
  } else {
    token = std::string(trim(value));
    check_token(token, MCTL_ERR_CONFIG, config_key);
  }

  call.debug("auth", "access token from " + config_key + ": <redacted, " +
                         std::to_string(token.size()) + " chars>");
  sdk::Tokens tokens;
  tokens.access_token = std::move(token);
  tokens.expires_at = 0;
  tokens.cacheable = false;
  return tokens;
}

}  // namespace matrixctl::auth_token
