// SQL LIKE matching ('%' any run, '_' any one byte), as Synapse's list filters use it.
#pragma once

#include <string>
#include <string_view>

namespace synapse_sim {

bool likeMatch(std::string_view text, std::string_view pattern);

// Lower-cases ASCII letters only, as SQLite's LOWER() does.
std::string lowerAscii(std::string_view text);

}  // namespace synapse_sim
