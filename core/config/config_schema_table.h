// The keys a config file may contain, with their types, ranges and examples.
#pragma once

#include <limits>
#include <span>
#include <string_view>

namespace matrixctl::config::detail::schema {

enum class Kind { map, servers, string, integer, number, boolean, url, string_list, map_list };

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct Field {
  std::string_view name;
  Kind kind;
  std::span<const Field> children = {};
  // Inclusive range of a number, or the minimum item count of a list.
  double min = -kInfinity;
  double max = kInfinity;
  // Allowed values in lower case, compared ignoring case.
  std::span<const std::string_view> choices = {};
  // For the fields of map_list items.
  bool required = false;
  // Replaces the generated description of the expected value.
  std::string_view expected = {};
  // A `key: value` line shown in the hint of a type error.
  std::string_view example = {};
  // For a legacy key: its new place, relative to the same map.
  std::string_view moved_to = {};
};

inline constexpr std::string_view kAuthTypes[] = {"token", "oidc", "password",
                                                  "client_credentials"};
inline constexpr std::string_view kClientAuthMethods[] = {"client_secret_post",
                                                          "client_secret_basic", "none"};
inline constexpr std::string_view kOidcFlows[] = {"browser", "device"};
inline constexpr std::string_view kMaintenanceTasks[] = {"vacuum", "compress-state"};

inline constexpr Field kAuthTokenFields[] = {
    {.name = "token", .kind = Kind::string},
    {.name = "username", .kind = Kind::string},
    {.name = "token_file", .kind = Kind::string, .example = "token_file: /etc/matrixctl/token"},
    {.name = "token_command",
     .kind = Kind::string_list,
     .min = 1,
     .expected = "a list of strings: the command and its arguments, run without a shell",
     .example = "token_command: [pass, show, matrix/admin-token]"},
};

inline constexpr Field kAuthOidcFields[] = {
    {.name = "client_id", .kind = Kind::string},
    {.name = "client_secret", .kind = Kind::string},
    {.name = "client_secret_file", .kind = Kind::string},
    {.name = "discovery_endpoint", .kind = Kind::url},
    {.name = "token_endpoint", .kind = Kind::url},
    {.name = "auth_endpoint", .kind = Kind::url},
    {.name = "userinfo_endpoint", .kind = Kind::url},
    {.name = "jwks_uri", .kind = Kind::url},
    {.name = "revocation_endpoint", .kind = Kind::url},
    {.name = "device_authorization_endpoint", .kind = Kind::url},
    {.name = "claims",
     .kind = Kind::string_list,
     .example = "claims: [openid, urn:synapse:admin:*]"},
    {.name = "scopes",
     .kind = Kind::string_list,
     .example = "scopes: [openid, urn:synapse:admin:*]"},
    {.name = "redirect_port",
     .kind = Kind::integer,
     .min = 0,
     .max = 65535,
     .example = "redirect_port: 8080"},
    {.name = "client_auth_method", .kind = Kind::string, .choices = kClientAuthMethods},
    {.name = "flow", .kind = Kind::string, .choices = kOidcFlows},
    {.name = "issuer", .kind = Kind::url},
    {.name = "login_timeout",
     .kind = Kind::number,
     .min = 1,
     .expected = "a number of seconds, at least 1",
     .example = "login_timeout: 300"},
};

inline constexpr Field kAuthPasswordFields[] = {
    {.name = "username", .kind = Kind::string},
    {.name = "password", .kind = Kind::string},
    {.name = "password_file", .kind = Kind::string},
};

inline constexpr Field kApiFields[] = {
    {.name = "domain", .kind = Kind::string, .example = "domain: example.org"},
    {.name = "base_url", .kind = Kind::url, .example = "base_url: http://127.0.0.1:8008"},
    {.name = "auth_type", .kind = Kind::string, .choices = kAuthTypes},
    {.name = "auth_token",
     .kind = Kind::map,
     .children = kAuthTokenFields,
     .example = "auth_token: {token: ...}"},
    {.name = "auth_oidc",
     .kind = Kind::map,
     .children = kAuthOidcFields,
     .example = "auth_oidc: {client_id: ..., discovery_endpoint: https://...}"},
    {.name = "auth_password",
     .kind = Kind::map,
     .children = kAuthPasswordFields,
     .example = "auth_password: {username: ..., password_file: ...}"},
    {.name = "token", .kind = Kind::string, .moved_to = "auth_token.token"},
    {.name = "username", .kind = Kind::string, .moved_to = "auth_token.username"},
    {.name = "concurrent_limit", .kind = Kind::integer, .min = 1, .example = "concurrent_limit: 4"},
    {.name = "timeout",
     .kind = Kind::number,
     .min = std::numeric_limits<double>::min(),
     .expected = "a number of seconds greater than 0",
     .example = "timeout: 30"},
    {.name = "verify_tls", .kind = Kind::boolean},
};

inline constexpr Field kPlaybookFields[] = {
    {.name = "playbook", .kind = Kind::string},
};

inline constexpr Field kMaintenanceFields[] = {
    {.name = "tasks",
     .kind = Kind::string_list,
     .choices = kMaintenanceTasks,
     .example = "tasks: [vacuum, compress-state]"},
};

inline constexpr Field kSshFields[] = {
    {.name = "address", .kind = Kind::string},
    {.name = "port", .kind = Kind::integer, .min = 1, .max = 65535, .example = "port: 22"},
    {.name = "user", .kind = Kind::string},
};

inline constexpr Field kDatabaseFields[] = {
    {.name = "synapse_database", .kind = Kind::string},
    {.name = "synapse_user", .kind = Kind::string},
    {.name = "synapse_password", .kind = Kind::string},
    {.name = "port", .kind = Kind::integer, .min = 1, .max = 65535, .example = "port: 5432"},
    {.name = "tunnel", .kind = Kind::boolean},
};

inline constexpr Field kRoomAliasFields[] = {
    {.name = "name", .kind = Kind::string, .required = true},
    {.name = "room_id", .kind = Kind::string, .required = true},
};

inline constexpr Field kAliasFields[] = {
    {.name = "room",
     .kind = Kind::map_list,
     .children = kRoomAliasFields,
     .example = "room: [{name: lobby, room_id: '!abc:example.org'}]"},
};

inline constexpr Field kServerFields[] = {
    {.name = "api",
     .kind = Kind::map,
     .children = kApiFields,
     .example = "api: {domain: example.org, auth_token: {token: ...}}"},
    {.name = "ansible", .kind = Kind::map, .children = kPlaybookFields},
    {.name = "synapse", .kind = Kind::map, .children = kPlaybookFields},
    {.name = "maintenance", .kind = Kind::map, .children = kMaintenanceFields},
    {.name = "ssh", .kind = Kind::map, .children = kSshFields},
    {.name = "database", .kind = Kind::map, .children = kDatabaseFields},
    {.name = "alias", .kind = Kind::map, .children = kAliasFields},
};

inline constexpr Field kImageFields[] = {
    {.name = "enabled", .kind = Kind::boolean},
    {.name = "scale_factor",
     .kind = Kind::number,
     .min = std::numeric_limits<double>::min(),
     .expected = "a number greater than 0",
     .example = "scale_factor: 1.0"},
    {.name = "max_height_of_terminal",
     .kind = Kind::number,
     .min = 0,
     .max = 1,
     .example = "max_height_of_terminal: 0.33"},
};

inline constexpr Field kUiFields[] = {
    {.name = "image", .kind = Kind::map, .children = kImageFields},
};

inline constexpr Field kRootFields[] = {
    {.name = "servers",
     .kind = Kind::servers,
     .children = kServerFields,
     .example = "servers: {default: {api: {domain: example.org, auth_token: {token: ...}}}}"},
    {.name = "ui", .kind = Kind::map, .children = kUiFields},
};

}  // namespace matrixctl::config::detail::schema
