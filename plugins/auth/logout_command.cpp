// The `auth logout` command: revokes and removes the cached tokens of the
// selected server.
#include "logout_command.h"

#include "auth_state.h"

#include <plugin_json.h>

#include <string>

namespace matrixctl::auth_commands {

mctl_status LogoutCommand::run(sdk::Call& call) {
  require_host_service(sdk::g_host->auth_logout != nullptr, "auth_logout");
  require_host_service(sdk::g_host->auth_info != nullptr, "auth_info");
  rapidjson::Document before;
  before.Parse(call.auth_info().c_str());
  const bool had_tokens =
      before.IsObject() && before.HasMember("cached") && before["cached"].IsTrue();
  call.auth_logout();

  const std::string server(call.server_name());
  if (call.output_format() != "table") {
    rapidjson::Document result(rapidjson::kObjectType);
    auto& allocator = result.GetAllocator();
    result.AddMember("server", rapidjson::Value(server.c_str(), allocator), allocator);
    result.AddMember("logged_out", had_tokens, allocator);
    call.record(plugin::to_json(result), {});
    return MCTL_OK;
  }
  if (!had_tokens) {
    call.text("Server \"" + server + "\" had no cached tokens; nothing was changed.");
    return MCTL_OK;
  }
  call.text("Logged out of server \"" + server + "\"; its cached tokens were removed.");
  return MCTL_OK;
}

}  // namespace matrixctl::auth_commands
