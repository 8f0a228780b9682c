// The `version` command: GET /_synapse/admin/v1/server_version and print it.
#include "version_command.h"

#include <plugin_json.h>

#include <string>

namespace matrixctl::server {

mctl_status VersionCommand::run(sdk::Call& call) {
  // Synapse serves the version without a token, so no login is needed.
  const sdk::HttpResponse response = call.http(MCTL_HTTP_GET, "/_synapse/admin/v1/server_version",
                                               {}, {}, nullptr, MCTL_HTTP_NO_AUTH);
  const rapidjson::Document version =
      plugin::parse_object(response.body, "GET /_synapse/admin/v1/server_version");

  const auto server_version = plugin::string_member(version, "server_version");
  if (!server_version) {
    throw sdk::Error(MCTL_ERR_SERVER, "GET /_synapse/admin/v1/server_version",
                     "the response has no server_version string",
                     "check that api.base_url points to a Synapse homeserver");
  }

  if (call.output_format() != "table") {
    call.record(plugin::to_json(version), {});
    return MCTL_OK;
  }

  call.text("Server Version: " + std::string(*server_version));
  // Synapse 1.94 dropped python_version, but older servers still send it.
  if (const auto python_version = plugin::string_member(version, "python_version")) {
    call.text("Python Version: " + std::string(*python_version));
  }
  return MCTL_OK;
}

}  // namespace matrixctl::server
