// Registration of the Admin API and client-server endpoints on the router.
#pragma once

#include "router.h"

namespace synapse_sim {

void addServerRoutes(Router& router);     // server_version, whoami, versions
void addUserListRoutes(Router& router);   // GET /v2/users, /v3/users
void addUserRoutes(Router& router);       // GET and PUT /v2/users/<user_id>
// Deactivate, admin flag, username_available, joined_rooms, whois. Synapse does not
// register the admin-flag endpoints when it delegates auth to MAS.
void addAccountRoutes(Router& router, bool mas_mode);
// POST and GET /_matrix/client/v3/login, logout and logout/all; nothing under MAS mode,
// where MAS serves login.
void addLoginRoutes(Router& router, bool mas_mode);
void addAuthMetadataRoutes(Router& router); // MAS mode: auth_metadata and auth_issuer
void addRoomRoutes(Router& router);       // room list, details, members
void addRoomDeleteRoutes(Router& router); // room deletion and its status

}  // namespace synapse_sim
