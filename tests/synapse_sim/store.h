// In-memory homeserver state with cached, sorted index lists for the list endpoints.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "model.h"

namespace synapse_sim {

// A session made by POST /_matrix/client/v3/login.
struct LoginSession {
    std::string user_id;
    std::string device_id;
};

// Not thread-safe by itself: callers hold mutex() for every access, and any
// pointer or reference returned stays valid only while they hold it.
class Store {
public:
    explicit Store(std::string server_name);

    std::mutex& mutex() { return mutex_; }
    const std::string& serverName() const { return server_name_; }
    bool isLocal(const std::string& matrix_id) const;

    const std::vector<User>& users() const { return users_; }  // sorted by name
    User* findUser(const std::string& user_id);
    // Inserts at the sorted position. The user ID must not exist yet.
    User& insertUser(User user);
    // Call after changing any user field so cached index lists are rebuilt.
    void usersChanged();

    const std::vector<Room>& rooms() const { return rooms_; }
    Room* findRoom(const std::string& room_id);
    void addRoom(Room room);
    void removeRoom(const std::string& room_id);
    void roomsChanged();
    std::vector<std::string> joinedRooms(const std::string& user_id) const;
    void removeMemberships(const std::string& user_id);

    // Returns the cached index list for `key`, building it with `build` on a miss.
    template <typename Build>
    const std::vector<std::uint32_t>& userIndex(const std::string& key, Build build) {
        return cachedIndex(user_index_cache_, key, build);
    }
    template <typename Build>
    const std::vector<std::uint32_t>& roomIndex(const std::string& key, Build build) {
        return cachedIndex(room_index_cache_, key, build);
    }

    std::vector<DeleteTask>& deleteTasks() { return delete_tasks_; }
    DeleteTask* findDeleteTask(const std::string& delete_id);
    std::string nextDeleteId();

    // Passwords for POST /login, kept apart from User, whose has_password only records that one is set.
    void setPassword(const std::string& user_id, const std::string& password);
    void clearPassword(const std::string& user_id);
    bool checkPassword(const std::string& user_id, const std::string& password) const;

    // Creates a session with a new random access token and returns the token.
    std::string addLoginSession(const std::string& user_id, const std::string& device_id);
    const LoginSession* findLoginSession(const std::string& access_token) const;
    void removeLoginSession(const std::string& access_token);
    void removeLoginSessions(const std::string& user_id);
    // Returns `length` random characters from A-Z, for device IDs.
    std::string randomUppercase(std::size_t length);

    // Creation time in seconds for accounts made through the API: one minute
    // after the newest existing account, so it needs no clock.
    std::int64_t nextCreationTs();

private:
    using IndexCache = std::unordered_map<std::string, std::vector<std::uint32_t>>;

    template <typename Build>
    static const std::vector<std::uint32_t>& cachedIndex(IndexCache& cache, const std::string& key, Build build) {
        auto found = cache.find(key);
        if (found != cache.end()) {
            return found->second;
        }
        // Distinct filters are few in tests; this bound only stops unbounded growth.
        if (cache.size() >= 256) {
            cache.clear();
        }
        return cache.emplace(key, build()).first->second;
    }

    std::mutex mutex_;
    std::string server_name_;
    std::vector<User> users_;
    std::vector<Room> rooms_;
    std::unordered_map<std::string, std::size_t> room_positions_;
    IndexCache user_index_cache_;
    IndexCache room_index_cache_;
    std::vector<DeleteTask> delete_tasks_;
    std::uint64_t delete_counter_ = 0;
    std::int64_t newest_creation_ts_ = 0;
    std::unordered_map<std::string, std::string> passwords_;
    std::unordered_map<std::string, LoginSession> login_sessions_;
    std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace synapse_sim
