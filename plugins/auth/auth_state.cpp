// The auth state of the selected server as the host's auth_info service
// describes it, and checks that the host offers the token cache services.
#include "auth_state.h"

#include <plugin_json.h>

namespace matrixctl::auth_commands {
namespace {

std::string string_or_empty(const rapidjson::Value& object, const char* key) {
  return std::string(plugin::string_member(object, key).value_or(""));
}

bool bool_or_false(const rapidjson::Value& object, const char* key) {
  const auto member = object.FindMember(key);
  return member != object.MemberEnd() && member->value.IsBool() && member->value.GetBool();
}

}  // namespace

AuthState parse_auth_info(std::string_view json) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError() || !document.IsObject()) {
    throw sdk::Error(MCTL_ERR_PLUGIN, "auth_info", "the host returned no JSON object",
                     "report this as a bug of matrixctl");
  }

  AuthState state;
  state.server = string_or_empty(document, "server");
  state.auth_type = string_or_empty(document, "auth_type");
  state.cached = bool_or_false(document, "cached");
  const auto expires = document.FindMember("expires_at");
  if (expires != document.MemberEnd() && expires->value.IsNumber()) {
    state.expires_at = static_cast<int64_t>(expires->value.GetDouble());
  }
  state.scope = string_or_empty(document, "scope");
  state.has_refresh_token = bool_or_false(document, "has_refresh_token");
  state.issuer = string_or_empty(document, "issuer");
  state.client_id = string_or_empty(document, "client_id");
  state.cache_file = string_or_empty(document, "cache_file");
  return state;
}

void require_host_service(bool available, const char* service) {
  if (available) return;
  throw sdk::Error(MCTL_ERR_PLUGIN, std::string("host service ") + service,
                   "this matrixctl core does not provide it, so the token cache cannot be used",
                   "install a matrixctl core and auth plugin of the same release");
}

AuthState current_auth_state(const sdk::Call& call, std::string* json) {
  require_host_service(sdk::g_host->auth_info != nullptr, "auth_info");
  const std::string info = call.auth_info();
  AuthState state = parse_auth_info(info);
  if (state.server.empty()) state.server = std::string(call.server_name());
  if (json != nullptr) *json = info;
  return state;
}

}  // namespace matrixctl::auth_commands
