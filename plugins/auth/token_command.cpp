// The `auth token` command: prints the access token of the selected server
// for scripts.
#include "token_command.h"

#include "auth_state.h"

#include <plugin_json.h>

#include <string>

namespace matrixctl::auth_commands {

mctl_status TokenCommand::run(sdk::Call& call) {
  const std::string token = call.access_token();
  if (call.output_format() == "table") {
    call.text(token);
    return MCTL_OK;
  }

  // Read after access_token(), which may have refreshed the token. A host
  // without the token cache has no expiry to tell.
  AuthState state;
  if (sdk::g_host->auth_info != nullptr) state = current_auth_state(call);
  rapidjson::Document result(rapidjson::kObjectType);
  auto& allocator = result.GetAllocator();
  result.AddMember("access_token", rapidjson::Value(token.c_str(), allocator), allocator);
  rapidjson::Value expires_at;
  if (state.expires_at != 0) expires_at.SetInt64(state.expires_at);
  result.AddMember("expires_at", expires_at, allocator);
  call.record(plugin::to_json(result), {});
  return MCTL_OK;
}

}  // namespace matrixctl::auth_commands
