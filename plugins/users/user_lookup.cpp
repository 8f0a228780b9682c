// Resolves the `user` argument to an MXID and fetches that account, telling "not found" apart from other errors.
#include "user_lookup.h"

#include <http_error.h>

namespace matrixctl::users {

std::string resolve_user_id(const sdk::Call& call, std::optional<std::string_view> argument) {
  if (!argument || argument->empty()) {
    throw sdk::Error(MCTL_ERR_USAGE, "user", "missing user name",
                     "give a localpart such as alice or an MXID such as @alice:example.org");
  }
  // Called through the C table, which tolerates a NULL from older hosts
  // (since ABI 1.1, user_id never returns NULL).
  const std::string copy(*argument);
  const char* const user_id = sdk::g_host->user_id(call.raw(), copy.c_str());
  if (user_id == nullptr || *user_id == '\0') {
    throw sdk::Error(MCTL_ERR_USAGE, copy, "not a valid localpart or MXID",
                     "give a localpart such as alice or an MXID such as @alice:example.org");
  }
  // Synapse's Admin API manages local accounts only, so a remote MXID is
  // rejected here rather than by a 400 from the server.
  const std::string id = user_id;
  const auto domain = call.config("api.domain");
  const auto colon = id.find(':');
  if (domain && !domain->empty() && colon != std::string::npos &&
      std::string_view(id).substr(colon + 1) != *domain) {
    throw sdk::Error(MCTL_ERR_USAGE, id,
                     "not an account of this homeserver (" + std::string(*domain) + ")",
                     "the Admin API manages local users only; give a localpart or an MXID "
                     "ending in :" + std::string(*domain) + ", or pick another server with -S");
  }
  return id;
}

std::optional<std::string> fetch_user(const sdk::Call& call, const std::string& user_id) {
  const sdk::HttpResponse response = call.http(MCTL_HTTP_GET, "/_synapse/admin/v2/users/{}",
                                               {user_id}, {}, nullptr, MCTL_HTTP_RAW_ERRORS);
  if (response.status >= 200 && response.status < 300) return std::string(response.body);

  // A 404 M_UNRECOGNIZED means the endpoint is missing (admin API not
  // exposed), which must not read as "no such user".
  if (response.status == 404 && plugin::parse_error_body(response).errcode == "M_NOT_FOUND") {
    return std::nullopt;
  }
  throw plugin::http_error(response, user_id);
}

}  // namespace matrixctl::users
