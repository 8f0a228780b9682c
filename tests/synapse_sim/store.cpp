// In-memory homeserver state with cached, sorted index lists for the list endpoints.
#include "store.h"

#include <algorithm>
#include <cstdio>

namespace synapse_sim {
namespace {

bool byName(const User& user, const std::string& name) {
    return user.name < name;
}

}  // namespace

Store::Store(std::string server_name) : server_name_(std::move(server_name)) {}

bool Store::isLocal(const std::string& matrix_id) const {
    std::size_t colon = matrix_id.find(':');
    return colon != std::string::npos && matrix_id.compare(colon + 1, std::string::npos, server_name_) == 0;
}

User* Store::findUser(const std::string& user_id) {
    auto position = std::lower_bound(users_.begin(), users_.end(), user_id, byName);
    if (position == users_.end() || position->name != user_id) {
        return nullptr;
    }
    return &*position;
}

User& Store::insertUser(User user) {
    newest_creation_ts_ = std::max(newest_creation_ts_, user.creation_ts);
    auto position = std::lower_bound(users_.begin(), users_.end(), user.name, byName);
    auto inserted = users_.insert(position, std::move(user));
    usersChanged();
    return *inserted;
}

void Store::usersChanged() {
    user_index_cache_.clear();
}

Room* Store::findRoom(const std::string& room_id) {
    auto found = room_positions_.find(room_id);
    return found == room_positions_.end() ? nullptr : &rooms_[found->second];
}

void Store::addRoom(Room room) {
    room_positions_[room.room_id] = rooms_.size();
    rooms_.push_back(std::move(room));
    roomsChanged();
}

void Store::removeRoom(const std::string& room_id) {
    auto found = room_positions_.find(room_id);
    if (found == room_positions_.end()) {
        return;
    }
    rooms_.erase(rooms_.begin() + static_cast<std::ptrdiff_t>(found->second));
    room_positions_.clear();
    for (std::size_t i = 0; i < rooms_.size(); ++i) {
        room_positions_[rooms_[i].room_id] = i;
    }
    roomsChanged();
}

void Store::roomsChanged() {
    room_index_cache_.clear();
}

std::vector<std::string> Store::joinedRooms(const std::string& user_id) const {
    std::vector<std::string> joined;
    for (const Room& room : rooms_) {
        if (std::find(room.members.begin(), room.members.end(), user_id) != room.members.end()) {
            joined.push_back(room.room_id);
        }
    }
    return joined;
}

void Store::removeMemberships(const std::string& user_id) {
    for (Room& room : rooms_) {
        std::erase(room.members, user_id);
    }
    roomsChanged();
}

DeleteTask* Store::findDeleteTask(const std::string& delete_id) {
    for (DeleteTask& task : delete_tasks_) {
        if (task.delete_id == delete_id) {
            return &task;
        }
    }
    return nullptr;
}

std::string Store::nextDeleteId() {
    char text[32];
    std::snprintf(text, sizeof text, "simdelete%06llu", static_cast<unsigned long long>(++delete_counter_));
    return text;
}

void Store::setPassword(const std::string& user_id, const std::string& password) {
    passwords_[user_id] = password;
}

void Store::clearPassword(const std::string& user_id) {
    passwords_.erase(user_id);
}

bool Store::checkPassword(const std::string& user_id, const std::string& password) const {
    auto found = passwords_.find(user_id);
    return found != passwords_.end() && found->second == password;
}

std::string Store::addLoginSession(const std::string& user_id, const std::string& device_id) {
    static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::uniform_int_distribution<std::size_t> pick(0, sizeof kAlphabet - 2);
    std::string token = "syt_sim_";
    for (int i = 0; i < 32; ++i) {
        token += kAlphabet[pick(random_)];
    }
    login_sessions_[token] = LoginSession{user_id, device_id};
    return token;
}

const LoginSession* Store::findLoginSession(const std::string& access_token) const {
    auto found = login_sessions_.find(access_token);
    return found == login_sessions_.end() ? nullptr : &found->second;
}

void Store::removeLoginSession(const std::string& access_token) {
    login_sessions_.erase(access_token);
}

void Store::removeLoginSessions(const std::string& user_id) {
    std::erase_if(login_sessions_, [&](const auto& entry) { return entry.second.user_id == user_id; });
}

std::string Store::randomUppercase(std::size_t length) {
    std::uniform_int_distribution<int> pick(0, 25);
    std::string text;
    for (std::size_t i = 0; i < length; ++i) {
        text += static_cast<char>('A' + pick(random_));
    }
    return text;
}

std::int64_t Store::nextCreationTs() {
    newest_creation_ts_ += 60;
    return newest_creation_ts_;
}

}  // namespace synapse_sim
