// Account state changes shared by several endpoints.
#include "account_actions.h"

namespace synapse_sim {

void deactivateAccount(Store& store, User& user, bool erase) {
    user.deactivated = true;
    user.has_password = false;
    store.clearPassword(user.name);
    store.removeLoginSessions(user.name);
    user.threepids.clear();
    if (erase) {
        user.erased = true;
        user.displayname.reset();
        user.avatar_url.reset();
    }
    store.removeMemberships(user.name);
    store.usersChanged();
}

void reactivateAccount(Store& store, User& user) {
    user.deactivated = false;
    user.erased = false;
    store.usersChanged();
}

}  // namespace synapse_sim
