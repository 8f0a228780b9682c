// Deterministic accounts and rooms that the simulator starts with.
#pragma once

#include <cstdint>
#include <string>

#include "store.h"

namespace synapse_sim {

struct SeedConfig {
    std::int64_t users = 0;  // accounts in total, special accounts included
    std::int64_t rooms = 0;
    std::string server_name;
    bool with_alice = false;  // seed @alice, the non-admin account of --user-token
};

// Localpart of generated account k (1-based): "user000001".
std::string generatedLocalpart(std::int64_t k);

void seedStore(Store& store, const SeedConfig& config);

}  // namespace synapse_sim
