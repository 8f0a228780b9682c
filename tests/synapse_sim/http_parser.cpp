// Parsing of HTTP/1.1 request heads and chunked request bodies.
#include "http_parser.h"

#include <cctype>

namespace synapse_sim {
namespace {

std::string_view trimSpaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

bool isTokenChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

}  // namespace

std::string toLowerAscii(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return lower;
}

bool parseRequestHead(std::string_view head, HttpRequest& request, std::string& error) {
    std::size_t line_end = head.find("\r\n");
    std::string_view request_line = head.substr(0, line_end);
    std::string_view rest = line_end == std::string_view::npos ? std::string_view() : head.substr(line_end + 2);

    std::size_t first_space = request_line.find(' ');
    std::size_t last_space = request_line.rfind(' ');
    if (first_space == std::string_view::npos || first_space == last_space) {
        error = "malformed request line";
        return false;
    }
    request.method = std::string(request_line.substr(0, first_space));
    request.target = std::string(request_line.substr(first_space + 1, last_space - first_space - 1));
    request.version = std::string(request_line.substr(last_space + 1));
    for (char c : request.method) {
        if (!isTokenChar(c)) {
            error = "invalid method";
            return false;
        }
    }
    if (request.version != "HTTP/1.1" && request.version != "HTTP/1.0") {
        error = "unsupported HTTP version";
        return false;
    }
    if (request.target.empty() || request.target.front() != '/') {
        error = "request target must be an absolute path";
        return false;
    }

    std::size_t question = request.target.find('?');
    request.path = request.target.substr(0, question);
    request.query_string = question == std::string::npos ? std::string() : request.target.substr(question + 1);
    std::size_t hash = request.query_string.find('#');
    if (hash != std::string::npos) {
        request.query_string.resize(hash);
    }

    request.headers.clear();
    while (!rest.empty()) {
        std::size_t end = rest.find("\r\n");
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
        if (line.empty()) {
            continue;
        }
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            error = "malformed header line";
            return false;
        }
        std::string_view name = line.substr(0, colon);
        for (char c : name) {
            if (!isTokenChar(c)) {
                error = "invalid header name";
                return false;
            }
        }
        request.headers.emplace_back(toLowerAscii(name), std::string(trimSpaces(line.substr(colon + 1))));
    }
    return true;
}

ParseStatus decodeChunkedBody(std::string_view data, std::string& body, std::size_t& consumed) {
    body.clear();
    std::size_t position = 0;
    while (true) {
        std::size_t line_end = data.find("\r\n", position);
        if (line_end == std::string_view::npos) {
            return ParseStatus::NeedMore;
        }
        std::string_view size_text = data.substr(position, line_end - position);
        std::size_t extension = size_text.find(';');
        size_text = trimSpaces(size_text.substr(0, extension));
        if (size_text.empty() || size_text.size() > 8) {
            return ParseStatus::Invalid;
        }
        std::size_t chunk_size = 0;
        for (char c : size_text) {
            if (!std::isxdigit(static_cast<unsigned char>(c))) {
                return ParseStatus::Invalid;
            }
            chunk_size = chunk_size * 16 + static_cast<std::size_t>(std::isdigit(static_cast<unsigned char>(c))
                                                                        ? c - '0'
                                                                        : std::tolower(c) - 'a' + 10);
        }
        position = line_end + 2;
        if (chunk_size == 0) {
            // Skip trailer fields up to the empty line that ends the message.
            while (true) {
                std::size_t trailer_end = data.find("\r\n", position);
                if (trailer_end == std::string_view::npos) {
                    return ParseStatus::NeedMore;
                }
                bool empty_line = trailer_end == position;
                position = trailer_end + 2;
                if (empty_line) {
                    consumed = position;
                    return ParseStatus::Complete;
                }
            }
        }
        if (data.size() < position + chunk_size + 2) {
            return ParseStatus::NeedMore;
        }
        body.append(data.substr(position, chunk_size));
        position += chunk_size;
        if (data.substr(position, 2) != "\r\n") {
            return ParseStatus::Invalid;
        }
        position += 2;
    }
}

}  // namespace synapse_sim
