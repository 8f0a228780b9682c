// Account state changes shared by several endpoints.
#pragma once

#include "store.h"

namespace synapse_sim {

// Deactivates as Synapse does: drops the password, login sessions, threepids
// and room memberships; with `erase`, also clears the display name and avatar.
void deactivateAccount(Store& store, User& user, bool erase);

void reactivateAccount(Store& store, User& user);

}  // namespace synapse_sim
