// The `auth login` command: logs in through the server's auth provider and
// fills the token cache.
#include "login_command.h"

#include "auth_state.h"
#include "expiry_text.h"

#include <ctime>
#include <string>

namespace matrixctl::auth_commands {

mctl_status LoginCommand::run(sdk::Call& call) {
  require_host_service(sdk::g_host->auth_login != nullptr, "auth_login");
  call.auth_login(call.flag("device") ? "device" : nullptr);

  std::string json;
  const AuthState state = current_auth_state(call, &json);
  if (call.output_format() != "table") {
    call.record(json, {});
    return MCTL_OK;
  }

  const auto now = static_cast<int64_t>(std::time(nullptr));
  call.text("Logged in to server \"" + state.server + "\".");
  call.text("Expires: " + expiry_text(state.expires_at, now));
  if (!state.scope.empty()) call.text("Scopes: " + state.scope);
  return MCTL_OK;
}

}  // namespace matrixctl::auth_commands
