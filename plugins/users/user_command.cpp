// The `user` command: GET /_synapse/admin/v2/users/{user_id} as key/value tables.
#include "user_command.h"

#include "user_lookup.h"

#include <plugin_json.h>

#include <string>
#include <vector>

namespace matrixctl::users {
namespace {

// creation_ts is in seconds on this endpoint (the list endpoint uses ms).
constexpr mctl_column kUserFields[] = {
    sdk::column("name", "Name", MCTL_FMT_LOCALPART),
    sdk::column("displayname", "Display Name"),
    sdk::column("admin", "Admin", MCTL_FMT_YES_NO),
    sdk::column("deactivated", "Deactivated", MCTL_FMT_YES_NO),
    sdk::column("is_guest", "Guest", MCTL_FMT_YES_NO),
    sdk::column("shadow_banned", "Shadow-Banned", MCTL_FMT_YES_NO),
    sdk::column("erased", "Erased", MCTL_FMT_YES_NO),
    sdk::column("locked", "Locked", MCTL_FMT_YES_NO),
    sdk::column("suspended", "Suspended", MCTL_FMT_YES_NO),
    sdk::column("approved", "Approved", MCTL_FMT_YES_NO),
    sdk::column("user_type", "User Type"),
    sdk::column("creation_ts", "Creation Time", MCTL_FMT_TIME_S),
    sdk::column("last_seen_ts", "Last Seen", MCTL_FMT_TIME_MS),
    sdk::column("avatar_url", "Avatar URL"),
    sdk::column("appservice_id", "Appservice ID"),
    sdk::column("consent_version", "Consent Version"),
    sdk::column("consent_server_notice_sent", "Consent Notice Sent"),
};

constexpr mctl_column kThreepidFields[] = {
    sdk::column("medium", "Medium"),
    sdk::column("address", "Address"),
    sdk::column("added_at", "Added At", MCTL_FMT_TIME_MS),
    sdk::column("validated_at", "Validated At", MCTL_FMT_TIME_MS),
};

constexpr mctl_column kExternalIdFields[] = {
    sdk::column("auth_provider", "Auth Provider"),
    sdk::column("external_id", "External ID"),
};

// Prints `object` as a key/value table with those of `fields` that it has.
// Keys only some Synapse versions send (approved, locked, suspended) are
// left out instead of shown as "-". Calls the C table directly because
// Call::record takes only a fixed initializer list.
template <std::size_t N>
void print_record(const sdk::Call& call, const rapidjson::Value& object,
                  const mctl_column (&fields)[N], const char* title) {
  std::vector<mctl_column> present;
  for (const mctl_column& field : fields) {
    if (object.HasMember(field.key)) present.push_back(field);
  }
  const std::string json = plugin::to_json(object);
  const mctl_status status = sdk::g_host->output_record(
      call.raw(), json.c_str(), present.data(), static_cast<uint32_t>(present.size()), title);
  if (status != MCTL_OK) throw sdk::Reported(status);
}

// Prints each object of the array member `key` (absent or null: nothing).
template <std::size_t N>
void print_records(const sdk::Call& call, const rapidjson::Value& user, const char* key,
                   const mctl_column (&fields)[N], const char* title) {
  const auto member = user.FindMember(key);
  if (member == user.MemberEnd() || !member->value.IsArray()) return;
  for (const rapidjson::Value& entry : member->value.GetArray()) {
    if (entry.IsObject()) print_record(call, entry, fields, title);
  }
}

}  // namespace

mctl_status UserCommand::run(sdk::Call& call) {
  const std::string user_id = resolve_user_id(call, call.arg("user"));
  const auto body = fetch_user(call, user_id);
  if (!body) {
    throw sdk::Error(MCTL_ERR_SERVER, user_id, "user not found",
                     "`matrixctl users -a` lists every account");
  }
  const rapidjson::Document user =
      plugin::parse_object(*body, "GET /_synapse/admin/v2/users/" + user_id);

  if (call.output_format() != "table") {
    call.record(*body, {});
    return MCTL_OK;
  }

  print_record(call, user, kUserFields, "User");
  print_records(call, user, "threepids", kThreepidFields, "Threepid");
  print_records(call, user, "external_ids", kExternalIdFields, "External ID");
  return MCTL_OK;
}

}  // namespace matrixctl::users
