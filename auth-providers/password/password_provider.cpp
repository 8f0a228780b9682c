// The auth provider "password": m.login.password at the homeserver's client
// API, for servers that do not delegate authentication to MAS.
#include "password_provider.h"

#include "login_api.h"
#include "password_source.h"

#include <ctime>
#include <string>

namespace matrixctl::auth_password {
namespace {

constexpr uint32_t kFlags = MCTL_HTTP_NO_AUTH | MCTL_HTTP_RAW_ERRORS;

int64_t unix_now() { return static_cast<int64_t>(std::time(nullptr)); }

bool is_success(const sdk::HttpResponse& response) {
  return response.status >= 200 && response.status < 300;
}

std::string describe_expiry(const sdk::Tokens& tokens, int64_t now) {
  if (tokens.expires_at == 0) return "does not expire";
  return "expires in " + std::to_string(tokens.expires_at - now) + " s";
}

}  // namespace

sdk::Tokens PasswordProvider::acquire(sdk::Call& call) {
  const std::string server(call.server_name());
  const std::string user = configured_username(call);
  const std::string user_id = call.user_id(user);

  std::string password = find_password(call, user_id);
  const WipeOnExit wipe_password(password);
  std::string body = login_body(user, password);
  const WipeOnExit wipe_body(body);
  call.debug("auth", "password login as " + user_id + " with POST " + kLoginPath);
  const sdk::HttpResponse response = call.http(MCTL_HTTP_POST, kLoginPath, {}, {}, &body, kFlags);
  if (!is_success(response)) throw login_error(response, user_id, server);

  const int64_t now = unix_now();
  LoginResult result = parse_token_response(response.body, now, std::string("POST ") + kLoginPath);
  call.debug("auth", "logged in as " + (result.user_id.empty() ? user_id : result.user_id) +
                         ", device " + (result.device_id.empty() ? "unknown" : result.device_id) +
                         "; the access token " + describe_expiry(result.tokens, now) +
                         (result.tokens.refresh_token.empty() ? "; no refresh token"
                                                              : "; with a refresh token"));
  call.debug("auth",
             "if this homeserver delegates authentication to MAS, this is a compatibility token "
             "without the urn:synapse:admin:* scope, and the Admin API returns 403");
  return result.tokens;
}

sdk::Tokens PasswordProvider::refresh(sdk::Call& call, std::string_view refresh_token) {
  const std::string server(call.server_name());
  std::string body = refresh_body(refresh_token);
  const WipeOnExit wipe_body(body);
  call.debug("auth", "refreshing the access token with POST " + std::string(kRefreshPath));
  const sdk::HttpResponse response =
      call.http(MCTL_HTTP_POST, kRefreshPath, {}, {}, &body, kFlags);
  if (!is_success(response)) throw refresh_error(response, server);

  const int64_t now = unix_now();
  LoginResult result =
      parse_token_response(response.body, now, std::string("POST ") + kRefreshPath);
  // A /refresh response without refresh_token means the old one stays valid.
  if (result.tokens.refresh_token.empty()) result.tokens.refresh_token = std::string(refresh_token);
  call.debug("auth", "refreshed the access token; it " + describe_expiry(result.tokens, now));
  return result.tokens;
}

void PasswordProvider::revoke(sdk::Call& call, std::string_view /*refresh_token*/,
                              std::string_view access_token) {
  if (access_token.empty()) return;
  // The host's own token would be this one, but revoke runs while the host
  // holds the cache lock, so the token goes in its own header.
  const std::string authorization = "Authorization: Bearer " + std::string(access_token);
  const char* headers[] = {authorization.c_str()};
  const std::string body = "{}";
  mctl_http_request request{};
  request.struct_size = sizeof request;
  request.method = MCTL_HTTP_POST;
  request.path = kLogoutPath;
  request.body = body.data();
  request.body_size = body.size();
  request.flags = MCTL_HTTP_NO_AUTH | MCTL_HTTP_RAW_ERRORS | MCTL_HTTP_NO_RETRY;
  request.headers = headers;
  request.header_count = 1;
  const mctl_http_response* response = nullptr;
  const mctl_status status = sdk::g_host->http(call.raw(), &request, &response);
  if (status != MCTL_OK) throw sdk::Reported(status);
  // 401: the session had already ended, which is what logout wants.
  if (response->status >= 400 && response->status != 401) {
    call.warning("auth", "POST " + std::string(kLogoutPath) + " answered HTTP " +
                             std::to_string(response->status) +
                             ", so the session may still be valid on the homeserver; sign out "
                             "the device named \"matrixctl\" in a Matrix client to end it");
    return;
  }
  call.debug("auth", "ended the password login session on the homeserver");
}

}  // namespace matrixctl::auth_password
