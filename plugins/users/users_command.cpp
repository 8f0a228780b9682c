// The `users` command: GET /_synapse/admin/v2/users, followed to the end, as a table.
#include "users_command.h"

#include <list_limit.h>

#include <string>

namespace matrixctl::users {

mctl_status UsersCommand::run(sdk::Call& call) {
  uint64_t max_items = 0;
  if (const auto limit = call.arg("limit")) {
    const plugin::ListLimit parsed = plugin::parse_limit(*limit);
    if (parsed.status != plugin::ListLimit::Status::ok) {
      throw plugin::limit_error(*limit, parsed.status, "users");
    }
    max_items = parsed.max_items;
  }

  const bool all = call.flag("all");
  const bool with_guests = all || call.flag("with-guests");
  const bool with_deactivated = all || call.flag("with-deactivated");

  // Synapse defaults to guests=true, which it rejects when MAS handles auth,
  // so the filter is always sent.
  sdk::Query query = {{"guests", with_guests ? "true" : "false"}};
  if (with_deactivated) query.emplace_back("deactivated", "true");

  const sdk::ListResult users = call.list("/_synapse/admin/v2/users", {}, query, "users",
                                          "next_token", "total", max_items);
  call.table(std::string(users.items_json),
             {
                 sdk::column("name", "Name", MCTL_FMT_LOCALPART),
                 sdk::column("deactivated", "Deactivated", MCTL_FMT_YES_NO),
                 sdk::column("shadow_banned", "Shadow-Banned", MCTL_FMT_YES_NO),
                 sdk::column("admin", "Admin", MCTL_FMT_YES_NO),
                 sdk::column("is_guest", "Guest", MCTL_FMT_YES_NO),
                 sdk::column("displayname", "Display Name"),
             },
             "Total number of users: " + std::to_string(users.item_count));
  return MCTL_OK;
}

}  // namespace matrixctl::users
