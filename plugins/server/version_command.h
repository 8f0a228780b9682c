// The `version` command: the Synapse version the homeserver reports.
#pragma once

#include <matrixctl/sdk.hpp>

namespace matrixctl::server {

inline constexpr const char* kVersionUsage =
    "Shows the version of the homeserver (Synapse), not of matrixctl; "
    "MatrixCtl had this as `self version`.\n"
    "Table output prints \"Server Version: ...\", plus \"Python Version: ...\" when the "
    "homeserver still reports it (Synapse before 1.94). -o json prints the response object.";

class VersionCommand {
 public:
  mctl_status run(sdk::Call& call);
};

}  // namespace matrixctl::server
