// Syntax checks for Matrix user IDs, room IDs and localparts.
#pragma once

#include <string>

namespace synapse_sim {

// "@localpart:server" with a non-empty localpart and server.
bool isValidUserId(const std::string& user_id);
// "!opaque:server" with a non-empty opaque part and server.
bool isValidRoomId(const std::string& room_id);
std::string localpartOf(const std::string& matrix_id);
// Non-empty and only a-z 0-9 = _ - . / +, the characters Synapse registers.
bool isValidLocalpart(const std::string& localpart);

// Throws 400 M_INVALID_PARAM unless isValidUserId(user_id).
void requireValidUserId(const std::string& user_id);

// Throws 400 M_INVALID_USERNAME for a localpart that Synapse would not
// register: empty, starting with '_', or with characters outside a-z 0-9 = _ - . / +.
void requireRegistrableLocalpart(const std::string& localpart);

}  // namespace synapse_sim
