// The `auth status` command: the auth state of the selected server and the
// user its access token belongs to.
#include "status_command.h"

#include "auth_state.h"
#include "expiry_text.h"
#include "status_report.h"

#include <http_error.h>
#include <plugin_json.h>

#include <ctime>
#include <optional>
#include <string>

namespace matrixctl::auth_commands {
namespace {

constexpr const char* kWhoamiPath = "/_matrix/client/v3/account/whoami";

int64_t unix_now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string login_hint(const std::string& server) {
  return "log in with `matrixctl -S " + server + " auth login`";
}

// The outcome of the whoami check, and the error the command ends with.
struct Check {
  UserCheck user;
  std::optional<sdk::Error> error;
  std::optional<mctl_status> reported;  // a failure the host already recorded
};

Check check_token(const sdk::Call& call, const AuthState& state) {
  Check check;
  check.user.result = UserCheck::Result::failed;
  const std::string subject = "server \"" + state.server + "\"";

  switch (token_availability(state, unix_now())) {
    case TokenAvailability::not_logged_in:
      check.user.message = "not logged in";
      check.error = sdk::Error(MCTL_ERR_AUTH, subject, "no access token is cached",
                               login_hint(state.server));
      return check;
    case TokenAvailability::expired: {
      const bool past = state.expires_at <= unix_now();
      const std::string when = (past ? "expired at " : "expires within a minute, at ") +
                               utc_time(state.expires_at);
      check.user.message = "not logged in: the access token " + when;
      check.error = sdk::Error(MCTL_ERR_AUTH, subject,
                               "the cached access token " + when +
                                   ", and no refresh token is cached to renew it",
                               login_hint(state.server));
      return check;
    }
    case TokenAvailability::usable:
      break;
  }

  if (state.auth_type == "client_credentials") {
    check.user.result = UserCheck::Result::skipped;
    check.user.message = "none: a client credentials token belongs to no user";
    return check;
  }

  sdk::HttpResponse response;
  try {
    response = call.http(MCTL_HTTP_GET, kWhoamiPath, {}, {}, nullptr, MCTL_HTTP_RAW_ERRORS);
  } catch (const sdk::Reported& reported) {
    check.user.message = "unknown: checking the access token failed (see the error below)";
    check.reported = reported.status();
    return check;
  }

  if (response.status < 200 || response.status >= 300) {
    const std::string detail = plugin::describe_status(response);
    check.user.message = "unknown: GET " + std::string(kWhoamiPath) + " returned " + detail;
    if (response.status == 401) {
      check.error = sdk::Error(MCTL_ERR_AUTH, subject,
                               "the homeserver rejected the access token (" + detail + ")",
                               state.auth_type == "token"
                                   ? std::string("check the access token configured for this "
                                                 "server")
                                   : login_hint(state.server));
    }
    return check;
  }

  rapidjson::Document whoami;
  whoami.Parse(response.body.data(), response.body.size());
  const auto user_id =
      whoami.IsObject() ? plugin::string_member(whoami, "user_id") : std::nullopt;
  if (!user_id) {
    check.user.message = "unknown: the whoami response has no user_id";
    return check;
  }
  check.user.result = UserCheck::Result::ok;
  check.user.user_id = std::string(*user_id);
  check.user.device_id = std::string(plugin::string_member(whoami, "device_id").value_or(""));
  return check;
}

}  // namespace

mctl_status StatusCommand::run(sdk::Call& call) {
  AuthState state = current_auth_state(call);
  const Check check = check_token(call, state);
  // whoami may have refreshed the token, which changes the cached expiry.
  if (check.user.result == UserCheck::Result::ok) state = current_auth_state(call);

  if (call.output_format() == "table") {
    call.record(status_table_json(state, check.user, unix_now()), {}, "Auth status");
  } else {
    call.record(status_json(state, check.user), {});
  }

  if (check.reported) return *check.reported;
  if (check.error) throw *check.error;
  return MCTL_OK;
}

}  // namespace matrixctl::auth_commands
