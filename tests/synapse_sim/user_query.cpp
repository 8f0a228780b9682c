// Filtering and ordering of the account list for GET /v2/users and /v3/users.
#include "user_query.h"

#include <algorithm>
#include <functional>

#include "sql_like.h"

namespace synapse_sim {

const std::vector<std::string> kUserOrderColumns = {
    "name",          "displayname", "is_guest",    "admin",        "deactivated", "user_type",
    "avatar_url",    "shadow_banned", "creation_ts", "last_seen_ts", "locked",
};

namespace {

std::string localpartOf(const std::string& user_id) {
    std::size_t colon = user_id.find(':');
    return user_id.substr(1, colon == std::string::npos ? std::string::npos : colon - 1);
}

bool passesFilter(const User& user, const UserListFilter& filter, const std::string& like_pattern) {
    if (filter.name) {
        bool localpart_matches = likeMatch(lowerAscii(localpartOf(user.name)), like_pattern);
        bool displayname_matches = user.displayname && likeMatch(lowerAscii(*user.displayname), like_pattern);
        if (!localpart_matches && !displayname_matches) {
            return false;
        }
    } else if (filter.user_id && !likeMatch(lowerAscii(user.name), like_pattern)) {
        return false;
    }
    if (!filter.guests && user.is_guest) {
        return false;
    }
    if (filter.deactivated && user.deactivated != *filter.deactivated) {
        return false;
    }
    if (!filter.include_locked && user.locked) {
        return false;
    }
    if (filter.admins && user.admin != *filter.admins) {
        return false;
    }
    for (const std::string& excluded : filter.not_user_types) {
        bool type_matches = excluded.empty() ? !user.user_type.has_value() : user.user_type == excluded;
        if (type_matches) {
            return false;
        }
    }
    return true;
}

// Three-way comparison; a missing value sorts after every present one.
template <typename T>
int compareOptional(const std::optional<T>& left, const std::optional<T>& right) {
    if (!left || !right) {
        return static_cast<int>(!left) - static_cast<int>(!right);
    }
    return *left < *right ? -1 : (*right < *left ? 1 : 0);
}

template <typename T>
int compareValues(const T& left, const T& right) {
    return left < right ? -1 : (right < left ? 1 : 0);
}

std::function<int(const User&, const User&)> columnComparator(const std::string& column) {
    if (column == "displayname") {
        return [](const User& a, const User& b) { return compareOptional(a.displayname, b.displayname); };
    }
    if (column == "is_guest") {
        return [](const User& a, const User& b) { return compareValues(a.is_guest, b.is_guest); };
    }
    if (column == "admin") {
        return [](const User& a, const User& b) { return compareValues(a.admin, b.admin); };
    }
    if (column == "deactivated") {
        return [](const User& a, const User& b) { return compareValues(a.deactivated, b.deactivated); };
    }
    if (column == "user_type") {
        return [](const User& a, const User& b) { return compareOptional(a.user_type, b.user_type); };
    }
    if (column == "avatar_url") {
        return [](const User& a, const User& b) { return compareOptional(a.avatar_url, b.avatar_url); };
    }
    if (column == "shadow_banned") {
        return [](const User& a, const User& b) { return compareValues(a.shadow_banned, b.shadow_banned); };
    }
    if (column == "creation_ts") {
        return [](const User& a, const User& b) { return compareValues(a.creation_ts, b.creation_ts); };
    }
    if (column == "last_seen_ts") {
        return [](const User& a, const User& b) { return compareOptional(a.last_seen_ts, b.last_seen_ts); };
    }
    if (column == "locked") {
        return [](const User& a, const User& b) { return compareValues(a.locked, b.locked); };
    }
    return nullptr;
}

const char* triStateKey(const std::optional<bool>& value) {
    if (!value) {
        return "-";
    }
    return *value ? "1" : "0";
}

}  // namespace

std::string UserListFilter::cacheKey() const {
    std::string key;
    key += "u=" + (user_id ? "+" + *user_id : std::string("-"));
    key += "\x1fn=" + (name ? "+" + *name : std::string("-"));
    key += std::string("\x1fg=") + (guests ? "1" : "0");
    key += std::string("\x1f" "d=") + triStateKey(deactivated);
    key += std::string("\x1fl=") + (include_locked ? "1" : "0");
    key += std::string("\x1f" "a=") + triStateKey(admins);
    std::vector<std::string> types = not_user_types;
    std::sort(types.begin(), types.end());
    for (const std::string& type : types) {
        key += "\x1ft=" + type;
    }
    key += "\x1fo=" + order_by + (backwards ? "\x1f" "b" : "\x1f" "f");
    return key;
}

std::vector<std::uint32_t> selectUsers(const std::vector<User>& users, const UserListFilter& filter) {
    std::string like_pattern;
    if (filter.name) {
        like_pattern = "%" + lowerAscii(*filter.name) + "%";
    } else if (filter.user_id) {
        like_pattern = "%" + lowerAscii(*filter.user_id) + "%";
    }

    std::vector<std::uint32_t> selected;
    for (std::size_t i = 0; i < users.size(); ++i) {
        if (passesFilter(users[i], filter, like_pattern)) {
            selected.push_back(static_cast<std::uint32_t>(i));
        }
    }

    if (filter.order_by == "name") {
        if (filter.backwards) {
            std::reverse(selected.begin(), selected.end());
        }
        return selected;
    }
    auto compare = columnComparator(filter.order_by);
    if (!compare) {
        return selected;
    }
    // The input is in user ID order and the sort is stable, so ties keep
    // ascending user IDs whatever the direction, as in Synapse's ORDER BY.
    std::stable_sort(selected.begin(), selected.end(), [&](std::uint32_t left, std::uint32_t right) {
        int order = compare(users[left], users[right]);
        return filter.backwards ? order > 0 : order < 0;
    });
    return selected;
}

}  // namespace synapse_sim
