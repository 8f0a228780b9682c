// Synapse-style validation of query parameters (integers, booleans, enums).
#include "query_parsing.h"

#include <cctype>

#include "api_error.h"

namespace synapse_sim {
namespace {

// Python's int() accepts surrounding whitespace and a sign; so does this.
bool parsePythonStyleInteger(const std::string& text, std::int64_t& value) {
    std::size_t start = text.find_first_not_of(" \t\n\r");
    std::size_t end = text.find_last_not_of(" \t\n\r");
    if (start == std::string::npos) {
        return false;
    }
    std::string digits = text.substr(start, end - start + 1);
    bool negative = false;
    if (digits.front() == '+' || digits.front() == '-') {
        negative = digits.front() == '-';
        digits.erase(0, 1);
    }
    if (digits.empty() || digits.size() > 18) {
        return false;
    }
    std::int64_t result = 0;
    for (char c : digits) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return false;
        }
        result = result * 10 + (c - '0');
    }
    value = negative ? -result : result;
    return true;
}

}  // namespace

std::int64_t parseIntegerParam(const QueryParams& query, const std::string& name, std::int64_t fallback) {
    const std::string* text = query.first(name);
    if (text == nullptr) {
        return fallback;
    }
    std::int64_t value = 0;
    if (!parsePythonStyleInteger(*text, value)) {
        throw ApiError(400, "M_INVALID_PARAM", "Query parameter " + name + " must be an integer");
    }
    if (value < 0) {
        throw ApiError(400, "M_INVALID_PARAM", "Query parameter " + name + " must be a positive integer.");
    }
    return value;
}

std::optional<bool> parseBooleanParam(const QueryParams& query, const std::string& name) {
    const std::string* text = query.first(name);
    if (text == nullptr) {
        return std::nullopt;
    }
    if (*text == "true") {
        return true;
    }
    if (*text == "false") {
        return false;
    }
    throw ApiError(400, "M_INVALID_PARAM", "Boolean query parameter '" + name + "' must be one of ['true', 'false']");
}

std::optional<std::string> parseStringParam(const QueryParams& query, const std::string& name,
                                            const std::vector<std::string>& allowed_values) {
    const std::string* text = query.first(name);
    if (text == nullptr) {
        return std::nullopt;
    }
    if (allowed_values.empty()) {
        return *text;
    }
    for (const std::string& allowed : allowed_values) {
        if (*text == allowed) {
            return *text;
        }
    }
    std::string listed;
    for (const std::string& allowed : allowed_values) {
        listed += (listed.empty() ? "'" : ", '") + allowed + "'";
    }
    throw ApiError(400, "M_INVALID_PARAM", "Query parameter '" + name + "' must be one of [" + listed + "]");
}

bool parseBackwardsDirection(const QueryParams& query) {
    return parseStringParam(query, "dir", {"f", "b"}).value_or("f") == "b";
}

}  // namespace synapse_sim
