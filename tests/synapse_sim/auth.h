// Access-token checks of the client-server and admin APIs: legacy Synapse auth, or MAS introspection.
#pragma once

#include <string>

#include "router.h"

namespace synapse_sim {

struct Requester {
    std::string user_id;
    std::string device_id;  // empty for a MAS token without a device
    std::string access_token;
    bool admin = false;
    bool is_guest = false;
};

// Reads the token from "Authorization: Bearer" or the access_token query
// parameter and maps it to its account: --admin-token, --user-token, a token
// from POST /login, or (MAS mode) a token that the introspection endpoint
// reports active. Throws 401 M_MISSING_TOKEN when no usable token was sent
// (or both ways were used) and 401 M_UNKNOWN_TOKEN with soft_logout false for
// an unknown token or a deactivated account.
//
// In MAS mode, as in Synapse, the token must be active and unexpired, and carry
// a username and one of the client API scopes. Admin rights come from the
// urn:synapse:admin:* scope alone, not from the account's admin flag. An unknown
// username becomes a new account. An unreachable introspection endpoint gives
// 503 M_UNKNOWN. The store lock is released while the introspection request
// runs, so call this before taking pointers into the store.
Requester authenticate(ApiContext& context);

// As authenticate, and throws 403 M_FORBIDDEN unless the account is an admin.
Requester requireAdmin(ApiContext& context);

}  // namespace synapse_sim
