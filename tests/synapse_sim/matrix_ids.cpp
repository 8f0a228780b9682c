// Syntax checks for Matrix user IDs, room IDs and localparts.
#include "matrix_ids.h"

#include "api_error.h"

namespace synapse_sim {
namespace {

bool hasSigilAndServer(const std::string& id, char sigil) {
    std::size_t colon = id.find(':');
    return id.size() >= 4 && id.front() == sigil && colon != std::string::npos && colon > 1 && colon + 1 < id.size();
}

}  // namespace

bool isValidUserId(const std::string& user_id) {
    return hasSigilAndServer(user_id, '@');
}

bool isValidRoomId(const std::string& room_id) {
    return hasSigilAndServer(room_id, '!');
}

std::string localpartOf(const std::string& matrix_id) {
    std::size_t colon = matrix_id.find(':');
    return matrix_id.substr(1, colon == std::string::npos ? std::string::npos : colon - 1);
}

void requireValidUserId(const std::string& user_id) {
    if (!isValidUserId(user_id)) {
        throw ApiError(400, "M_INVALID_PARAM", "Invalid user id: " + user_id);
    }
}

bool isValidLocalpart(const std::string& localpart) {
    if (localpart.empty()) {
        return false;
    }
    for (char c : localpart) {
        bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '=' || c == '_' || c == '-' ||
                       c == '.' || c == '/' || c == '+';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

void requireRegistrableLocalpart(const std::string& localpart) {
    if (localpart.empty()) {
        throw ApiError(400, "M_INVALID_USERNAME", "User ID cannot be empty");
    }
    for (char c : localpart) {
        bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '=' || c == '_' || c == '-' ||
                       c == '.' || c == '/' || c == '+';
        if (!allowed) {
            throw ApiError(400, "M_INVALID_USERNAME", "User ID can only contain characters a-z, 0-9, or '=_-./+'");
        }
    }
    if (localpart.front() == '_') {
        throw ApiError(400, "M_INVALID_USERNAME", "User ID may not begin with _");
    }
}

}  // namespace synapse_sim
