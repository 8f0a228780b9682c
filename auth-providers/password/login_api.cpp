// Request bodies, token responses and errors of the Matrix endpoints
// /_matrix/client/v3/login and /refresh.
#include "login_api.h"

#include <http_error.h>
#include <plugin_json.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>

namespace matrixctl::auth_password {
namespace {

// A token goes into an Authorization header, where a space, line break or
// non-ASCII byte would corrupt the request.
bool is_header_safe(std::string_view token) {
  return std::all_of(token.begin(), token.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7F;
  });
}

std::string lower_case(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

void write_string(rapidjson::Writer<rapidjson::StringBuffer>& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// Reads an optional token member; throws when it is present but unusable.
std::string optional_token(const rapidjson::Value& object, const char* key,
                           const std::string& request) {
  const auto member = object.FindMember(key);
  if (member == object.MemberEnd() || member->value.IsNull()) return {};
  const auto value = plugin::string_member(object, key);
  if (!value || value->empty() || !is_header_safe(*value)) {
    throw sdk::Error(MCTL_ERR_SERVER, request,
                     std::string("the response has an invalid ") + key +
                         " (not a non-empty string of printable ASCII)",
                     "check that api.base_url points to the homeserver's client API");
  }
  return std::string(*value);
}

}  // namespace

std::string login_body(std::string_view user, std::string_view password) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("type");
  writer.String("m.login.password");
  writer.Key("identifier");
  writer.StartObject();
  writer.Key("type");
  writer.String("m.id.user");
  writer.Key("user");
  write_string(writer, user);
  writer.EndObject();
  writer.Key("password");
  write_string(writer, password);
  writer.Key("initial_device_display_name");
  writer.String("matrixctl");
  writer.Key("refresh_token");
  writer.Bool(true);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string refresh_body(std::string_view refresh_token) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("refresh_token");
  write_string(writer, refresh_token);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

LoginResult parse_token_response(std::string_view body, int64_t now, const std::string& request) {
  const rapidjson::Document document = plugin::parse_object(body, request);

  LoginResult result;
  result.tokens.access_token = optional_token(document, "access_token", request);
  if (result.tokens.access_token.empty()) {
    throw sdk::Error(MCTL_ERR_SERVER, request, "the response has no access_token",
                     "check that api.base_url points to the homeserver's client API");
  }
  result.tokens.refresh_token = optional_token(document, "refresh_token", request);
  result.tokens.cacheable = true;

  // Without expires_in_ms the access token does not expire.
  const auto expires = document.FindMember("expires_in_ms");
  if (expires != document.MemberEnd() && expires->value.IsInt64() &&
      expires->value.GetInt64() > 0) {
    result.tokens.expires_at = now + std::max<int64_t>(1, expires->value.GetInt64() / 1000);
  }

  result.user_id = plugin::string_member(document, "user_id").value_or("");
  result.device_id = plugin::string_member(document, "device_id").value_or("");
  return result;
}

sdk::Error login_error(const sdk::HttpResponse& response, const std::string& user,
                       const std::string& server) {
  const plugin::ErrorBody error = plugin::parse_error_body(response);
  const std::string detail = plugin::describe_status(response);
  const std::string subject = "password login of " + user;
  const std::string keys = "api.auth_password of server \"" + server + "\"";

  if (response.status == 403 && error.errcode == "M_USER_DEACTIVATED") {
    return sdk::Error(MCTL_ERR_AUTH, subject, "the account is deactivated (" + detail + ")",
                      "set api.auth_password.username to an active admin account");
  }
  if (response.status == 403) {
    return sdk::Error(MCTL_ERR_AUTH, subject,
                      "the homeserver rejected the user name or password (" + detail + ")",
                      "check username and password (or password_file) in " + keys);
  }

  // Synapse returns 404 when MAS handles logins and the reverse proxy does
  // not route /login to MAS's compatibility layer. A 400 whose error
  // mentions the login type comes from a server without password logins.
  const std::string auth_type_key = "servers." + server + ".api.auth_type";
  const std::string mas_reason =
      "the homeserver does not accept password logins (" + detail +
      "), so it probably delegates authentication to the Matrix Authentication Service (MAS)";
  if (response.status == 400 && lower_case(error.error).find("login type") != std::string::npos) {
    return sdk::Error(MCTL_ERR_CONFIG, auth_type_key, mas_reason,
                      "set auth_type: oidc for this server");
  }
  if (response.status == 404) {
    return sdk::Error(MCTL_ERR_CONFIG, auth_type_key, mas_reason,
                      "set auth_type: oidc for this server, or check api.base_url if the "
                      "homeserver does not use MAS");
  }
  if (response.status == 429) {
    return sdk::Error(MCTL_ERR_SERVER, subject,
                      "the homeserver rate limited the login attempts (" + detail + ")",
                      "wait a minute before logging in again");
  }
  return sdk::Error(MCTL_ERR_SERVER, subject, "the homeserver returned " + detail,
                    "check api.base_url of server \"" + server + "\"");
}

sdk::Error refresh_error(const sdk::HttpResponse& response, const std::string& server) {
  const std::string detail = plugin::describe_status(response);
  const std::string subject = "refresh token of server \"" + server + "\"";
  if (response.status == 401) {
    return sdk::Error(MCTL_ERR_REAUTH, subject,
                      "the homeserver rejected the refresh token (" + detail + ")",
                      "log in again with `matrixctl auth login`");
  }
  return sdk::Error(MCTL_ERR_SERVER, subject,
                    "refreshing the access token failed: the homeserver returned " + detail,
                    "try again later, or log in again with `matrixctl auth login`");
}

}  // namespace matrixctl::auth_password
