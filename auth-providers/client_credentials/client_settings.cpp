// The settings of the client credentials grant, read from the
// api.auth_oidc keys of the selected server.
#include "client_settings.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace matrixctl::auth_client_credentials {
namespace {

constexpr const char* kClientIdKey = "api.auth_oidc.client_id";
constexpr const char* kSecretKey = "api.auth_oidc.client_secret";
constexpr const char* kSecretFileKey = "api.auth_oidc.client_secret_file";
constexpr const char* kAuthMethodKey = "api.auth_oidc.client_auth_method";
constexpr const char* kTokenEndpointKey = "api.auth_oidc.token_endpoint";
constexpr const char* kDiscoveryKey = "api.auth_oidc.discovery_endpoint";
constexpr const char* kRevocationKey = "api.auth_oidc.revocation_endpoint";
constexpr const char* kScopesKey = "api.auth_oidc.scopes";
constexpr const char* kClaimsKey = "api.auth_oidc.claims";

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

std::string lower_case(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

class SettingsReader {
 public:
  explicit SettingsReader(const sdk::Call& call)
      : call_(call), prefix_("servers." + std::string(call.server_name()) + ".") {}

  std::string full_key(const char* key) const { return prefix_ + key; }

  // The trimmed value, or std::nullopt when the key is absent or empty.
  std::optional<std::string> value(const char* key) const {
    const auto raw = call_.config(key);
    if (!raw || trim(*raw).empty()) return std::nullopt;
    return std::string(trim(*raw));
  }

  std::string required(const char* key, const std::string& hint) const {
    auto found = value(key);
    if (!found) throw sdk::Error(MCTL_ERR_CONFIG, full_key(key), "missing", hint);
    return *found;
  }

  std::string url(const char* key) const {
    auto found = value(key);
    if (!found) return {};
    check_endpoint_url(*found, full_key(key));
    return *found;
  }

  std::string client_secret(const std::string& client_id) const {
    const auto secret = value(kSecretKey);
    const auto file = value(kSecretFileKey);
    if (secret && file) {
      call_.warning("auth", "both " + full_key(kSecretKey) + " and " + full_key(kSecretFileKey) +
                                " are set: using " + kSecretKey + ", ignoring " + kSecretFileKey);
    }
    if (secret) return *secret;
    if (!file) {
      throw sdk::Error(MCTL_ERR_CONFIG, full_key(kSecretKey), "missing",
                       "set api.auth_oidc.client_secret_file (or client_secret) to the secret "
                       "of client " + client_id);
    }
    const std::string content = call_.read_file(*file);
    const std::string_view first_line = trim(std::string_view(content).substr(0, content.find('\n')));
    if (first_line.empty()) {
      throw sdk::Error(MCTL_ERR_CONFIG, *file, "the client secret file is empty",
                       "write the client secret into it, on the first line");
    }
    return std::string(first_line);
  }

  std::string scope() const {
    const auto scopes = value(kScopesKey);
    const auto claims = value(kClaimsKey);
    if (scopes && claims) {
      call_.warning("auth", "both " + full_key(kScopesKey) + " and " + full_key(kClaimsKey) +
                                " are set: using " + kScopesKey + ", ignoring " + kClaimsKey);
    }
    if (scopes) return parse_scope(*scopes, full_key(kScopesKey));
    if (claims) return parse_scope(*claims, full_key(kClaimsKey));
    return kDefaultScope;
  }

 private:
  const sdk::Call& call_;
  std::string prefix_;
};

}  // namespace

ClientSettings read_client_settings(const sdk::Call& call) {
  const SettingsReader reader(call);
  ClientSettings settings;
  settings.client_id = reader.required(
      kClientIdKey, "set it to the ID of a confidential client registered at the provider");
  settings.client_secret = reader.client_secret(settings.client_id);
  settings.auth_method = parse_auth_method(reader.value(kAuthMethodKey).value_or(""),
                                           reader.full_key(kAuthMethodKey));
  settings.token_endpoint = reader.url(kTokenEndpointKey);
  settings.discovery_endpoint = reader.url(kDiscoveryKey);
  settings.revocation_endpoint = reader.url(kRevocationKey);
  settings.scope = reader.scope();
  return settings;
}

ClientAuthMethod parse_auth_method(std::string_view text, const std::string& key) {
  const std::string method = lower_case(trim(text));
  if (method.empty() || method == "client_secret_post") return ClientAuthMethod::client_secret_post;
  if (method == "client_secret_basic") return ClientAuthMethod::client_secret_basic;
  if (method == "none") {
    throw sdk::Error(MCTL_ERR_CONFIG, key,
                     "\"none\" is a public client, but the client credentials grant needs a "
                     "client secret",
                     "register a confidential client and set client_secret_post or "
                     "client_secret_basic");
  }
  throw sdk::Error(MCTL_ERR_CONFIG, key,
                   "\"" + std::string(text) + "\" is not supported by auth_type client_credentials",
                   "set client_secret_post or client_secret_basic");
}

std::string parse_scope(std::string_view value, const std::string& key) {
  const std::string_view text = trim(value);
  if (text.empty() || text.front() != '[') return std::string(text);

  rapidjson::Document list;
  list.Parse(text.data(), text.size());
  if (list.HasParseError() || !list.IsArray()) {
    throw sdk::Error(MCTL_ERR_CONFIG, key, "must be a list of scopes",
                     "write it as a YAML list, such as [urn:mas:admin]");
  }
  std::string scope;
  for (const rapidjson::Value& item : list.GetArray()) {
    const std::string_view name =
        item.IsString() ? trim(std::string_view(item.GetString(), item.GetStringLength()))
                        : std::string_view();
    if (name.empty() || name.find_first_of(" \t\r\n\"\\") != std::string_view::npos) {
      throw sdk::Error(MCTL_ERR_CONFIG, key,
                       "every scope must be a non-empty string without spaces, quotes or "
                       "backslashes",
                       "write one scope per list item, such as [urn:mas:admin]");
    }
    if (!scope.empty()) scope += ' ';
    scope.append(name);
  }
  return scope.empty() ? std::string(kDefaultScope) : scope;
}

bool is_absolute_http_url(std::string_view url) {
  const std::string lower = lower_case(url);
  const bool http = lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0;
  if (!http) return false;
  const std::size_t host_start = lower.find("://") + 3;
  return lower.size() > host_start && lower.find_first_of("/?#", host_start) != host_start &&
         lower.find_first_of(" \t\r\n") == std::string::npos;
}

void check_endpoint_url(std::string_view url, const std::string& origin) {
  if (!is_absolute_http_url(url)) {
    throw sdk::Error(MCTL_ERR_CONFIG, origin,
                     "\"" + std::string(url) + "\" is not an absolute http or https URL",
                     "give the full URL, such as https://auth.example.org/oauth2/token");
  }
}

bool is_unencrypted_remote(std::string_view url) {
  const std::string lower = lower_case(url);
  if (lower.rfind("http://", 0) != 0) return false;
  std::string_view rest = std::string_view(lower).substr(7);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  std::string_view host = rest;
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  return !(host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0);
}

}  // namespace matrixctl::auth_client_credentials
