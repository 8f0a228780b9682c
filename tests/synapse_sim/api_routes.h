// Registration of the Admin API and client-server endpoints on the router.
#pragma once

#include "router.h"

namespace synapse_sim {

void addServerRoutes(Router& router);     // server_version, whoami, versions
void addUserListRoutes(Router& router);   // GET /v2/users, /v3/users
void addUserRoutes(Router& router);       // GET and PUT /v2/users/<user_id>
void addAccountRoutes(Router& router);    // deactivate, admin flag, username_available, joined_rooms, whois
void addRoomRoutes(Router& router);       // room list, details, members
void addRoomDeleteRoutes(Router& router); // room deletion and its status

}  // namespace synapse_sim
