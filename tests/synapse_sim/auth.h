// Access-token checks of the client-server and admin APIs (legacy Synapse auth).
#pragma once

#include <string>

#include "router.h"

namespace synapse_sim {

struct Requester {
    std::string user_id;
    std::string device_id;
    bool admin = false;
    bool is_guest = false;
};

// Reads the token from "Authorization: Bearer" or the access_token query
// parameter and maps it to its account. Throws 401 M_MISSING_TOKEN when no
// usable token was sent (or both ways were used) and 401 M_UNKNOWN_TOKEN
// with soft_logout false for an unknown token or a deactivated account.
Requester authenticate(ApiContext& context);

// As authenticate, and throws 403 M_FORBIDDEN unless the account is an admin.
Requester requireAdmin(ApiContext& context);

}  // namespace synapse_sim
