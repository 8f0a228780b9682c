// Device login: OAuth 2.0 device authorization grant (RFC 8628) for hosts without a browser.
#include "device_flow.h"

#include "scopes.h"

#include <plugin_json.h>

#include <chrono>
#include <thread>

namespace matrixctl::auth_oidc {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kDeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
// RFC 8628 section 3.5: the client adds 5 s to its interval on slow_down.
constexpr int64_t kSlowDownSeconds = 5;
// Used when the provider omits expires_in, which RFC 8628 requires.
constexpr int64_t kDefaultExpiresIn = 600;

int64_t integer_member(const rapidjson::Value& object, const char* key, int64_t fallback) {
  const auto member = object.FindMember(key);
  if (member == object.MemberEnd() || !member->value.IsNumber()) return fallback;
  return static_cast<int64_t>(member->value.GetDouble());
}

// Sleeps until `until`, in short steps so that Ctrl-C ends the wait promptly.
void sleep_until(const sdk::Call& call, Clock::time_point until) {
  while (Clock::now() < until) {
    if (call.cancelled()) {
      throw sdk::Error(MCTL_ERR_CANCELLED, "device login", "interrupted while waiting");
    }
    const auto step =
        std::min<Clock::duration>(until - Clock::now(), std::chrono::milliseconds(200));
    std::this_thread::sleep_for(step);
  }
}

std::string login_subject(const OidcConfig& config) {
  return "device login of server \"" + config.server_name + "\"";
}

}  // namespace

DeviceAuthorization parse_device_authorization(std::string_view body, const std::string& endpoint) {
  const rapidjson::Document document = parse_provider_object(body, "POST " + endpoint);
  const auto text = [&document](const char* key) {
    return std::string(plugin::string_member(document, key).value_or(""));
  };
  DeviceAuthorization authorization;
  authorization.device_code = text("device_code");
  authorization.user_code = text("user_code");
  authorization.verification_uri = text("verification_uri");
  authorization.verification_uri_complete = text("verification_uri_complete");
  authorization.expires_in = integer_member(document, "expires_in", kDefaultExpiresIn);
  authorization.interval = std::max<int64_t>(integer_member(document, "interval", 5), 1);

  for (const auto& [value, name] :
       {std::pair{&authorization.device_code, "device_code"},
        std::pair{&authorization.user_code, "user_code"},
        std::pair{&authorization.verification_uri, "verification_uri"}}) {
    if (value->empty()) {
      throw sdk::Error(MCTL_ERR_SERVER, "POST " + endpoint,
                       std::string("the device authorization response has no ") + name,
                       "check that this is the provider's device authorization endpoint");
    }
  }
  return authorization;
}

TokenResponse run_device_login(const sdk::Call& call, const OidcConfig& config,
                               const std::string& device_endpoint,
                               const std::string& token_endpoint) {
  const ProviderResponse response =
      post_with_client_auth(call, config, device_endpoint, {{"scope", join_scope(config.scopes)}});
  if (response.status != 200) throw oauth_request_error(response, device_endpoint, config);
  const DeviceAuthorization device = parse_device_authorization(response.body, device_endpoint);

  std::string instructions = "To log in to server \"" + config.server_name + "\", open " +
                             device.verification_uri +
                             " in a browser on any device and enter "
                             "the code " +
                             device.user_code;
  if (!device.verification_uri_complete.empty()) {
    instructions += ",\nor open " + device.verification_uri_complete + " directly";
  }
  call.log(MCTL_LOG_INFO, "auth", instructions + ".");
  call.log(MCTL_LOG_INFO, "auth",
           "Waiting up to " + std::to_string(device.expires_in) +
               " s for the login to be approved (Ctrl-C to stop)...");

  const Clock::time_point expires_at = Clock::now() + std::chrono::seconds(device.expires_in);
  int64_t interval = device.interval;
  for (;;) {
    sleep_until(call, std::min(expires_at, Clock::now() + std::chrono::seconds(interval)));
    if (Clock::now() >= expires_at) break;

    const ProviderResponse reply = post_with_client_auth(
        call, config, token_endpoint,
        {{"grant_type", kDeviceCodeGrant}, {"device_code", device.device_code}});
    if (reply.status == 200) return parse_token_response(reply.body, token_endpoint);

    // RFC 8628 specifies HTTP 400 for these errors, but MAS returns 403, so
    // only the error code counts.
    const OAuthError error = parse_oauth_error(reply.body);
    if (error.error == "authorization_pending") continue;
    if (error.error == "slow_down") {
      interval += kSlowDownSeconds;
      call.debug("auth", "the provider asked to poll more slowly: every " +
                             std::to_string(interval) + " s");
      continue;
    }
    if (error.error == "access_denied") {
      throw sdk::Error(MCTL_ERR_AUTH, login_subject(config), "the login was denied at the provider",
                       "start it again and approve it: matrixctl -S " + config.server_name +
                           " auth login --device");
    }
    if (error.error == "expired_token") break;
    throw oauth_request_error(reply, token_endpoint, config);
  }
  throw sdk::Error(MCTL_ERR_AUTH, login_subject(config),
                   "the code " + device.user_code + " expired before the login was approved",
                   "start it again and approve it in time: matrixctl -S " + config.server_name +
                       " auth login --device");
}

}  // namespace matrixctl::auth_oidc
