// Resolves the `user` argument to an MXID and fetches that account, telling "not found" apart from other errors.
#pragma once

#include <matrixctl/sdk.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace matrixctl::users {

// The full MXID for a localpart or MXID on the selected server. Throws
// sdk::Error (MCTL_ERR_USAGE) when the argument is missing or empty.
std::string resolve_user_id(const sdk::Call& call, std::optional<std::string_view> argument);

// GET /_synapse/admin/v2/users/{user_id}: the account as JSON text, or
// std::nullopt when Synapse responds with 404 M_NOT_FOUND. Throws sdk::Error for
// any other error response.
std::optional<std::string> fetch_user(const sdk::Call& call, const std::string& user_id);

}  // namespace matrixctl::users
