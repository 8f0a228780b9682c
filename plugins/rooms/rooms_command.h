// The `rooms` command: lists the rooms of the homeserver.
#pragma once

#include <matrixctl/sdk.hpp>

namespace matrixctl::rooms {

inline constexpr mctl_option_desc kRoomsOptions[] = {
    sdk::positional("limit", "Maximum number of rooms to list; -1 or 0 lists all", false, "-1"),
    sdk::positional("filter",
                    "Only rooms whose name or alias localpart contains this text, or whose "
                    "full room ID is this text",
                    false),
    sdk::flag("order-by-size", 's', "Sort by joined members, largest room first"),
    sdk::flag("reverse", 'r',
              "Reverse the order: names Z to A, or smallest room first with -s"),
    sdk::flag("empty", 'e', "Only rooms without joined members"),
    sdk::flag("to-json", 'j', "Print the rooms as a JSON array (same as -o json)"),
};

inline constexpr const char* kRoomsUsage =
    "Lists the rooms the homeserver knows, sorted by name unless -s is given.\n"
    "A first argument that is not an integer is taken as the filter, so `rooms foo` is "
    "`rooms -1 foo`. To filter for a number, give the limit first: `rooms 0 2024`.";

class RoomsCommand {
 public:
  mctl_status run(sdk::Call& call);
};

}  // namespace matrixctl::rooms
