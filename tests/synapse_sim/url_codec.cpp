// Percent-decoding of path segments and query strings.
#include "url_codec.h"

namespace synapse_sim {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

}  // namespace

std::string percentDecode(std::string_view text, bool plus_is_space) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            int high = hexValue(text[i + 1]);
            int low = hexValue(text[i + 2]);
            if (high >= 0 && low >= 0) {
                decoded.push_back(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        decoded.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
    return decoded;
}

std::string percentEncode(std::string_view text) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char c : text) {
        bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                          c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            encoded.push_back(static_cast<char>(c));
        } else {
            encoded.push_back('%');
            encoded.push_back(kHex[c >> 4]);
            encoded.push_back(kHex[c & 0xF]);
        }
    }
    return encoded;
}

std::vector<std::string> splitPath(std::string_view raw_path) {
    std::vector<std::string> segments;
    if (!raw_path.empty() && raw_path.front() == '/') {
        raw_path.remove_prefix(1);
    }
    std::size_t start = 0;
    while (true) {
        std::size_t slash = raw_path.find('/', start);
        segments.push_back(percentDecode(raw_path.substr(start, slash - start), false));
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    return segments;
}

QueryParams::QueryParams(std::string_view raw_query) {
    std::size_t start = 0;
    while (start < raw_query.size()) {
        std::size_t amp = raw_query.find('&', start);
        std::string_view pair = raw_query.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
        if (!pair.empty()) {
            std::size_t equals = pair.find('=');
            std::string key = percentDecode(pair.substr(0, equals), true);
            std::string value = equals == std::string_view::npos ? std::string() : percentDecode(pair.substr(equals + 1), true);
            items_.emplace_back(std::move(key), std::move(value));
        }
        if (amp == std::string_view::npos) {
            break;
        }
        start = amp + 1;
    }
}

bool QueryParams::has(const std::string& key) const {
    return first(key) != nullptr;
}

const std::string* QueryParams::first(const std::string& key) const {
    for (const auto& [name, value] : items_) {
        if (name == key) {
            return &value;
        }
    }
    return nullptr;
}

std::vector<std::string> QueryParams::all(const std::string& key) const {
    std::vector<std::string> values;
    for (const auto& [name, value] : items_) {
        if (name == key) {
            values.push_back(value);
        }
    }
    return values;
}

}  // namespace synapse_sim
