// OAuth scope lists: the default request, the stable/unstable Matrix scope rule and the admin
// check.
#include "scopes.h"

#include <matrixctl/sdk.hpp>

#include <algorithm>

namespace matrixctl::auth_oidc {
namespace {

constexpr std::string_view kStablePrefix = "urn:matrix:client:";
constexpr std::string_view kUnstablePrefix = "urn:matrix:org.matrix.msc2967.client:";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::vector<std::string> default_scopes() {
  return {"openid", "urn:matrix:org.matrix.msc2967.client:api:*", std::string(kAdminScope)};
}

std::vector<std::string> split_scope(std::string_view scope) {
  std::vector<std::string> scopes;
  while (!scope.empty()) {
    const std::size_t end = scope.find(' ');
    if (end != 0) scopes.emplace_back(scope.substr(0, end));
    if (end == std::string_view::npos) break;
    scope.remove_prefix(end + 1);
  }
  return scopes;
}

std::string join_scope(const std::vector<std::string>& scopes) {
  std::string joined;
  for (const auto& scope : scopes) {
    if (!joined.empty()) joined += ' ';
    joined += scope;
  }
  return joined;
}

void check_scope_families(const std::vector<std::string>& scopes, const std::string& config_key) {
  const auto stable = std::find_if(scopes.begin(), scopes.end(), [](const std::string& scope) {
    return starts_with(scope, kStablePrefix);
  });
  const auto unstable = std::find_if(scopes.begin(), scopes.end(), [](const std::string& scope) {
    return starts_with(scope, kUnstablePrefix);
  });
  if (stable == scopes.end() || unstable == scopes.end()) return;
  throw sdk::Error(MCTL_ERR_CONFIG, config_key,
                   "mixes the stable Matrix scope \"" + *stable + "\" with the unstable \"" +
                       *unstable + "\", which the provider rejects in one request",
                   "use only urn:matrix:client:... or only "
                   "urn:matrix:org.matrix.msc2967.client:... scopes");
}

void check_admin_scope_granted(const std::vector<std::string>& requested, std::string_view granted,
                               std::string_view server_name) {
  if (std::find(requested.begin(), requested.end(), kAdminScope) == requested.end()) return;
  const std::vector<std::string> granted_scopes = split_scope(granted);
  if (std::find(granted_scopes.begin(), granted_scopes.end(), kAdminScope) !=
      granted_scopes.end()) {
    return;
  }
  throw sdk::Error(
      MCTL_ERR_AUTH, "login of server \"" + std::string(server_name) + "\"",
      "the provider did not grant the scope " + std::string(kAdminScope) +
          " (granted: " + (granted.empty() ? std::string("nothing") : std::string(granted)) +
          "), so Synapse would reject every Admin API request",
      "in MAS the user needs can_request_admin (for example `mas-cli manage promote-admin "
      "<username>`); then log in again, or use an access token that has this scope");
}

}  // namespace matrixctl::auth_oidc
