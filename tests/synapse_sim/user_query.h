// Filtering and ordering of the account list for GET /v2/users and /v3/users.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.h"

namespace synapse_sim {

extern const std::vector<std::string> kUserOrderColumns;

struct UserListFilter {
    std::optional<std::string> user_id;  // substring of the user ID; ignored when name is set
    std::optional<std::string> name;     // substring of the localpart or the display name
    bool guests = true;
    std::optional<bool> deactivated;     // nullopt: both; true: only deactivated; false: none
    bool include_locked = false;
    std::optional<bool> admins;          // nullopt: both
    std::vector<std::string> not_user_types;  // "" stands for "no user type"
    std::string order_by = "name";
    bool backwards = false;

    // Identifies the filter for the index cache.
    std::string cacheKey() const;
};

// Returns positions in `users` (sorted by name) of the accounts that pass the
// filter, in the order Synapse returns them: by the order column (nulls last
// when ascending, first when descending, as PostgreSQL sorts), then by user ID
// ascending.
std::vector<std::uint32_t> selectUsers(const std::vector<User>& users, const UserListFilter& filter);

}  // namespace synapse_sim
