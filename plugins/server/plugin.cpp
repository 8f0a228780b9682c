// Descriptor and entry point of the plugin "server".
#include "version_command.h"

#include <matrixctl/sdk.hpp>

namespace {

using matrixctl::server::VersionCommand;
namespace sdk = matrixctl::sdk;

constexpr mctl_command_desc kCommands[] = {
    sdk::command<VersionCommand>("version", "server", "Show the Synapse version of the homeserver",
                                 matrixctl::server::kVersionUsage),
};

constexpr mctl_plugin_desc kPlugin = {
    sizeof(mctl_plugin_desc),
    MCTL_ABI_MAJOR,
    MCTL_ABI_MINOR,
    "server",
    MATRIXCTL_PLUGIN_VERSION,
    "Facts about the homeserver",
    kCommands,
    sizeof kCommands / sizeof kCommands[0],
    nullptr,
    0,
    &sdk::keep_host,
    nullptr,
};

}  // namespace

MATRIXCTL_PLUGIN(kPlugin)
