// The auth state of the selected server as the host's auth_info service
// describes it, and checks that the host offers the token cache services.
#pragma once

#include <matrixctl/sdk.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace matrixctl::auth_commands {

// The fields of the auth_info JSON object; absent or null fields stay empty.
struct AuthState {
  std::string server;
  std::string auth_type;
  bool cached = false;
  int64_t expires_at = 0;  // Unix seconds; 0 = does not expire, or nothing cached
  std::string scope;
  bool has_refresh_token = false;
  std::string issuer;
  std::string client_id;
  std::string cache_file;
};

// Reads an auth_info object. Throws sdk::Error (MCTL_ERR_PLUGIN) when it is
// not a JSON object.
AuthState parse_auth_info(std::string_view json);

// Throws sdk::Error (MCTL_ERR_PLUGIN) naming `service` unless `available`.
// A host without the token cache leaves those entries of its table NULL.
void require_host_service(bool available, const char* service);

// auth_info of the selected server, parsed; `json` receives the raw object.
AuthState current_auth_state(const sdk::Call& call, std::string* json = nullptr);

}  // namespace matrixctl::auth_commands
