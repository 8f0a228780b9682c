// Parsing of HTTP/1.1 request heads and chunked request bodies.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "http_message.h"

namespace synapse_sim {

enum class ParseStatus { NeedMore, Complete, Invalid };

// Fills method, target, path, query_string, version and headers from the text
// before the blank line (without the final CRLF CRLF). On failure, returns false
// and sets `error`.
bool parseRequestHead(std::string_view head, HttpRequest& request, std::string& error);

// Decodes a chunked body that starts at data[0]. On Complete, `body` contains the
// payload and `consumed` the number of bytes used, trailers included.
ParseStatus decodeChunkedBody(std::string_view data, std::string& body, std::size_t& consumed);

std::string toLowerAscii(std::string_view text);

}  // namespace synapse_sim
