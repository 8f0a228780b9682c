// The `rooms` command: GET /_synapse/admin/v1/rooms, followed to the end, as a table.
#include "rooms_command.h"

#include <list_limit.h>

#include <optional>
#include <string>

namespace matrixctl::rooms {
namespace {

struct Selection {
  uint64_t max_items = 0;  // 0 = all
  std::optional<std::string> filter;
};

// Reads the two optional positionals. MatrixCtl failed on `rooms foo` with
// "invalid int value", so here a non-integer first value is the filter.
Selection read_positionals(const sdk::Call& call) {
  Selection selection;
  const auto limit = call.arg("limit");
  const auto filter = call.arg("filter");

  if (limit) {
    const plugin::ListLimit parsed = plugin::parse_limit(*limit);
    if (parsed.status == plugin::ListLimit::Status::ok) {
      selection.max_items = parsed.max_items;
    } else if (parsed.status == plugin::ListLimit::Status::not_integer && !filter) {
      selection.filter = std::string(*limit);
    } else {
      throw plugin::limit_error(*limit, parsed.status, "rooms");
    }
  }
  if (filter) selection.filter = std::string(*filter);

  // Synapse rejects an empty search_term with 400 M_INVALID_PARAM.
  if (selection.filter && selection.filter->empty()) {
    throw sdk::Error(MCTL_ERR_USAGE, "filter", "the filter is empty",
                     "give a part of a room name, alias or room ID, or leave the filter out");
  }
  return selection;
}

}  // namespace

mctl_status RoomsCommand::run(sdk::Call& call) {
  const Selection selection = read_positionals(call);

  sdk::Query query;
  if (selection.filter) query.emplace_back("search_term", *selection.filter);
  // "size" is Synapse's deprecated alias of joined_members, kept because
  // MatrixCtl sends it. Member counts sort largest first for dir=f.
  if (call.flag("order-by-size")) query.emplace_back("order_by", "size");
  if (call.flag("reverse")) query.emplace_back("dir", "b");
  if (call.flag("empty")) query.emplace_back("empty_rooms", "true");

  const sdk::ListResult rooms = call.list("/_synapse/admin/v1/rooms", {}, query, "rooms",
                                          "next_batch", "total_rooms", selection.max_items);
  call.table(std::string(rooms.items_json),
             {
                 sdk::column("name", "Name"),
                 sdk::column("joined_members", "Members"),
                 sdk::column("canonical_alias", "Alias"),
                 sdk::column("room_id", "Room ID"),
             },
             "Total number of rooms: " + std::to_string(rooms.item_count));
  return MCTL_OK;
}

}  // namespace matrixctl::rooms
