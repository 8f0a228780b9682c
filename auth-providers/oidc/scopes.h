// OAuth scope lists: the default request, the stable/unstable Matrix scope rule and the admin
// check.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace matrixctl::auth_oidc {

// The scope Synapse requires for its Admin API when it delegates auth to MAS.
inline constexpr std::string_view kAdminScope = "urn:synapse:admin:*";

// openid, the unstable client-API scope and the admin scope, in that order.
std::vector<std::string> default_scopes();

// Splits a space-separated scope value; empty items are dropped.
std::vector<std::string> split_scope(std::string_view scope);

std::string join_scope(const std::vector<std::string>& scopes);

// Rejects a list with both a stable (urn:matrix:client:...) and an unstable
// (urn:matrix:org.matrix.msc2967.client:...) Matrix scope, because MAS
// rejects such a request. Throws sdk::Error (MCTL_ERR_CONFIG) naming both
// scopes and `config_key`.
void check_scope_families(const std::vector<std::string>& scopes, const std::string& config_key);

// Throws sdk::Error (MCTL_ERR_AUTH) when `requested` contains the admin scope
// and `granted` (a space-separated scope value) does not. `server_name` goes
// into the hint.
void check_admin_scope_granted(const std::vector<std::string>& requested, std::string_view granted,
                               std::string_view server_name);

}  // namespace matrixctl::auth_oidc
