// Percent-decoding of path segments and query strings.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace synapse_sim {

// Decodes %XX escapes. Invalid escapes are kept as written. With
// `plus_is_space`, '+' becomes ' ' as in HTML form encoding.
std::string percentDecode(std::string_view text, bool plus_is_space);

std::string percentEncode(std::string_view text);

// Splits a raw path such as "/a/b%2Fc" on '/' first and then decodes each
// segment, so an encoded '/' stays inside its segment: {"a", "b/c"}.
std::vector<std::string> splitPath(std::string_view raw_path);

// Query parameters in the order sent; repeated keys are all kept.
class QueryParams {
public:
    QueryParams() = default;
    explicit QueryParams(std::string_view raw_query);

    bool has(const std::string& key) const;
    // First value of the key, or nullptr when absent.
    const std::string* first(const std::string& key) const;
    std::vector<std::string> all(const std::string& key) const;
    const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace synapse_sim
