// Synapse-style validation of query parameters (integers, booleans, enums).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "url_codec.h"

namespace synapse_sim {

// Reads the first value of `name` as a non-negative integer. A value that is
// not an integer throws 400 M_INVALID_PARAM "Query parameter <name> must be an
// integer"; a negative one throws "... must be a positive integer.".
std::int64_t parseIntegerParam(const QueryParams& query, const std::string& name, std::int64_t fallback);

// Accepts exactly "true" or "false"; anything else throws 400 M_INVALID_PARAM.
std::optional<bool> parseBooleanParam(const QueryParams& query, const std::string& name);

// Returns the first value of `name`. A value outside `allowed_values` (when
// not empty) throws 400 M_INVALID_PARAM listing the allowed values.
std::optional<std::string> parseStringParam(const QueryParams& query, const std::string& name,
                                            const std::vector<std::string>& allowed_values = {});

// Returns true for dir=b (backwards); dir is "f" (default) or "b".
bool parseBackwardsDirection(const QueryParams& query);

}  // namespace synapse_sim
