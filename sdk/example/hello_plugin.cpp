// Example matrixctl plugin: the command `hello` in group `example`.
#include <matrixctl/sdk.hpp>

#include <string>

#ifndef EXAMPLE_PLUGIN_VERSION
#define EXAMPLE_PLUGIN_VERSION "0.0.0"
#endif

namespace {

namespace sdk = matrixctl::sdk;

constexpr const char* kHelloUsage =
    "Greets NAME, names the server section in use (-S) and shows the Synapse version "
    "that GET /_synapse/admin/v1/server_version reports.\n"
    "-o json or -o yaml prints that response object instead.";

class HelloCommand {
 public:
  mctl_status run(sdk::Call& call) {
    const std::string name(call.arg("name").value_or("admin"));
    call.text("Hello, " + name + "!");
    call.text("Server section: " + std::string(call.server_name()));
    // After an HTTP failure the host has already printed the error, so
    // call.http throws sdk::Reported and the wrapper only returns its status.
    const sdk::HttpResponse response =
        call.http(MCTL_HTTP_GET, "/_synapse/admin/v1/server_version", {});
    call.record(std::string(response.body),
                {sdk::column("server_version", "Synapse version")});
    return MCTL_OK;
  }
};

constexpr mctl_option_desc kHelloOptions[] = {
    sdk::option("name", 'n', "NAME", "who to greet", "admin"),
};

constexpr mctl_command_desc kCommands[] = {
    sdk::command<HelloCommand>("hello", "example", "Greet and show the homeserver's version",
                               kHelloOptions, kHelloUsage),
};

constexpr mctl_plugin_desc kPlugin = {
    sizeof(mctl_plugin_desc),
    MCTL_ABI_MAJOR,
    MCTL_ABI_MINOR,
    "example",
    EXAMPLE_PLUGIN_VERSION,
    "Example plugin built against the installed SDK",
    kCommands,
    sizeof kCommands / sizeof kCommands[0],
    nullptr,
    0,
    &sdk::keep_host,
    nullptr,
};

}  // namespace

MATRIXCTL_PLUGIN(kPlugin)
