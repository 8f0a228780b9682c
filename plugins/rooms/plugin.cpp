// Descriptor and entry point of the plugin "rooms".
#include "rooms_command.h"

#include <matrixctl/sdk.hpp>

namespace {

namespace sdk = matrixctl::sdk;
namespace rooms = matrixctl::rooms;

constexpr mctl_command_desc kCommands[] = {
    sdk::command<rooms::RoomsCommand>("rooms", "room", "List the rooms", rooms::kRoomsOptions,
                                      rooms::kRoomsUsage),
};

constexpr mctl_plugin_desc kPlugin = {
    sizeof(mctl_plugin_desc),
    MCTL_ABI_MAJOR,
    MCTL_ABI_MINOR,
    "rooms",
    MATRIXCTL_PLUGIN_VERSION,
    "List the rooms of the homeserver",
    kCommands,
    sizeof kCommands / sizeof kCommands[0],
    nullptr,
    0,
    &sdk::keep_host,
    nullptr,
};

}  // namespace

MATRIXCTL_PLUGIN(kPlugin)
