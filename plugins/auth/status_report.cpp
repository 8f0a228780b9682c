// The content of `auth status`: whether a token is usable without a new
// login, and the record shown as a table or as JSON/YAML. Never a token.
#include "status_report.h"

#include "expiry_text.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace matrixctl::auth_commands {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_text(Writer& writer, const char* key, const std::string& value) {
  writer.Key(key);
  writer.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void write_text_or_null(Writer& writer, const char* key, const std::string& value) {
  if (value.empty()) {
    writer.Key(key);
    writer.Null();
  } else {
    write_text(writer, key, value);
  }
}

std::string user_text(const UserCheck& user) {
  if (user.result != UserCheck::Result::ok) return user.message;
  if (user.device_id.empty()) return user.user_id;
  return user.user_id + " (device " + user.device_id + ")";
}

std::string expires_text(const AuthState& state, int64_t now) {
  if (!state.cached && state.auth_type != "token") return "no token cached";
  return expiry_text(state.expires_at, now);
}

}  // namespace

TokenAvailability token_availability(const AuthState& state, int64_t now) {
  // The token provider reads its token from the config on every run and
  // never caches it.
  if (state.auth_type == "token") return TokenAvailability::usable;
  if (!state.cached) return TokenAvailability::not_logged_in;
  constexpr int64_t kRenewMargin = 60;
  if (state.expires_at != 0 && state.expires_at - kRenewMargin <= now &&
      !state.has_refresh_token) {
    return TokenAvailability::expired;
  }
  return TokenAvailability::usable;
}

std::string status_json(const AuthState& state, const UserCheck& user) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  write_text(writer, "server", state.server);
  write_text_or_null(writer, "auth_type", state.auth_type);
  const bool ok = user.result == UserCheck::Result::ok;
  write_text_or_null(writer, "user_id", ok ? user.user_id : std::string());
  write_text_or_null(writer, "device_id", ok ? user.device_id : std::string());
  write_text_or_null(writer, "user_error", ok ? std::string() : user.message);
  writer.Key("cached");
  writer.Bool(state.cached);
  writer.Key("expires_at");
  if (state.expires_at == 0) {
    writer.Null();
  } else {
    writer.Int64(state.expires_at);
  }
  write_text_or_null(writer, "scope", state.scope);
  writer.Key("has_refresh_token");
  writer.Bool(state.has_refresh_token);
  write_text_or_null(writer, "issuer", state.issuer);
  write_text_or_null(writer, "client_id", state.client_id);
  write_text_or_null(writer, "cache_file", state.cache_file);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string status_table_json(const AuthState& state, const UserCheck& user, int64_t now) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  write_text(writer, "Server", state.server);
  write_text(writer, "Auth Type", state.auth_type.empty() ? "-" : state.auth_type);
  write_text(writer, "User", user_text(user));
  write_text(writer, "Scopes", state.scope.empty() ? "-" : state.scope);
  write_text(writer, "Expires", expires_text(state, now));
  write_text(writer, "Refresh Token", state.has_refresh_token ? "cached" : "none");
  if (!state.issuer.empty()) write_text(writer, "Issuer", state.issuer);
  // For auth_type password the host reports the user name as client_id,
  // which the User row already shows.
  if (!state.client_id.empty() && state.auth_type != "password") {
    write_text(writer, "Client ID", state.client_id);
  }
  write_text(writer, "Cache File", state.cache_file.empty() ? "-" : state.cache_file);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace matrixctl::auth_commands
