// Minimal HTTP/1.1 server over POSIX sockets: one thread per keep-alive connection.
#include "http_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include "http_parser.h"

namespace synapse_sim {
namespace {

constexpr std::size_t kMaxHeadBytes = 64 * 1024;
constexpr std::size_t kMaxBodyBytes = 64 * 1024 * 1024;
// Idle keep-alive connections are closed after this long so their threads end.
constexpr int kIdleTimeoutSeconds = 300;

bool sendAll(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t count = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count <= 0) {
            return false;
        }
        sent += static_cast<std::size_t>(count);
    }
    return true;
}

bool readMore(int fd, std::string& buffer) {
    char chunk[16 * 1024];
    while (true) {
        ssize_t count = ::recv(fd, chunk, sizeof chunk, 0);
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count <= 0) {
            return false;
        }
        buffer.append(chunk, static_cast<std::size_t>(count));
        return true;
    }
}

std::string serializeResponse(const HttpResponse& response, bool close) {
    std::string out;
    out.reserve(response.body.size() + 256);
    out += "HTTP/1.1 " + std::to_string(response.status) + " " + reasonPhrase(response.status) + "\r\n";
    if (!response.content_type.empty()) {
        out += "Content-Type: " + response.content_type + "\r\n";
    }
    out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    for (const auto& [name, value] : response.headers) {
        out += name + ": " + value + "\r\n";
    }
    out += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    out += response.body;
    return out;
}

void sendPlainError(int fd, int status, const std::string& message) {
    HttpResponse response;
    response.status = status;
    response.content_type = "text/plain; charset=utf-8";
    response.body = message + "\n";
    sendAll(fd, serializeResponse(response, true));
}

bool headerHasToken(const std::string* value, const std::string& token) {
    if (value == nullptr) {
        return false;
    }
    std::string lower = toLowerAscii(*value);
    std::size_t start = 0;
    while (start <= lower.size()) {
        std::size_t comma = lower.find(',', start);
        std::string item = lower.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        std::size_t first = item.find_first_not_of(" \t");
        std::size_t last = item.find_last_not_of(" \t");
        if (first != std::string::npos && item.substr(first, last - first + 1) == token) {
            return true;
        }
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return false;
}

bool isLoopbackPeer(const sockaddr_storage& address) {
    if (address.ss_family == AF_INET) {
        const auto* ipv4 = reinterpret_cast<const sockaddr_in*>(&address);
        return (ntohl(ipv4->sin_addr.s_addr) >> 24) == 127;
    }
    if (address.ss_family == AF_INET6) {
        const auto* ipv6 = reinterpret_cast<const sockaddr_in6*>(&address);
        if (IN6_IS_ADDR_LOOPBACK(&ipv6->sin6_addr)) {
            return true;
        }
        return IN6_IS_ADDR_V4MAPPED(&ipv6->sin6_addr) && ipv6->sin6_addr.s6_addr[12] == 127;
    }
    return false;
}

}  // namespace

HttpServer::HttpServer(Handler handler) : handler_(std::move(handler)) {}

HttpServer::~HttpServer() {
    if (listen_fd_ >= 0) {
        ::close(listen_fd_);
    }
}

bool HttpServer::listen(const std::string& host, int port, std::string& error) {
    std::string bare_host = host;
    if (bare_host.size() >= 2 && bare_host.front() == '[' && bare_host.back() == ']') {
        bare_host = bare_host.substr(1, bare_host.size() - 2);
    }
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* results = nullptr;
    std::string port_text = std::to_string(port);
    int rc = ::getaddrinfo(bare_host.c_str(), port_text.c_str(), &hints, &results);
    if (rc != 0) {
        error = std::string("cannot resolve host: ") + ::gai_strerror(rc);
        return false;
    }

    error = "no usable address";
    for (addrinfo* candidate = results; candidate != nullptr; candidate = candidate->ai_next) {
        int fd = ::socket(candidate->ai_family, candidate->ai_socktype | SOCK_CLOEXEC, candidate->ai_protocol);
        if (fd < 0) {
            error = std::string("socket failed: ") + std::strerror(errno);
            continue;
        }
        int enable = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &enable, sizeof enable);
        if (::bind(fd, candidate->ai_addr, candidate->ai_addrlen) != 0 || ::listen(fd, 128) != 0) {
            error = std::string("bind failed: ") + std::strerror(errno);
            ::close(fd);
            continue;
        }
        sockaddr_storage bound{};
        socklen_t bound_length = sizeof bound;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bound_length);
        char address_text[INET6_ADDRSTRLEN] = {};
        if (bound.ss_family == AF_INET6) {
            const auto* ipv6 = reinterpret_cast<const sockaddr_in6*>(&bound);
            ::inet_ntop(AF_INET6, &ipv6->sin6_addr, address_text, sizeof address_text);
            port_ = ntohs(ipv6->sin6_port);
            url_host_ = std::string("[") + address_text + "]";
        } else {
            const auto* ipv4 = reinterpret_cast<const sockaddr_in*>(&bound);
            ::inet_ntop(AF_INET, &ipv4->sin_addr, address_text, sizeof address_text);
            port_ = ntohs(ipv4->sin_port);
            url_host_ = address_text;
        }
        listen_fd_ = fd;
        ::freeaddrinfo(results);
        return true;
    }
    ::freeaddrinfo(results);
    return false;
}

void HttpServer::acceptForever() {
    int last_logged_errno = 0;
    while (true) {
        sockaddr_storage peer{};
        socklen_t peer_length = sizeof peer;
        int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &peer_length, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            // Out of descriptors or memory: wait for connections to close,
            // and log each distinct error once instead of 20 times a second.
            if (errno != last_logged_errno) {
                last_logged_errno = errno;
                std::fprintf(stderr, "synapse-sim: error: accept failed: %s; retrying every 50 ms\n",
                             std::strerror(errno));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        last_logged_errno = 0;
        int enable = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &enable, sizeof enable);
        timeval timeout{kIdleTimeoutSeconds, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        bool loopback = isLoopbackPeer(peer);
        std::thread([this, fd, loopback] { serveConnection(fd, loopback); }).detach();
    }
}

void HttpServer::serveConnection(int fd, bool peer_is_loopback) {
    std::string buffer;
    while (true) {
        std::size_t head_end;
        while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
            if (buffer.size() > kMaxHeadBytes) {
                sendPlainError(fd, 431, "request head too large");
                ::close(fd);
                return;
            }
            if (!readMore(fd, buffer)) {
                ::close(fd);
                return;
            }
        }
        if (head_end > kMaxHeadBytes) {
            sendPlainError(fd, 431, "request head too large");
            ::close(fd);
            return;
        }

        HttpRequest request;
        std::string error;
        if (!parseRequestHead(std::string_view(buffer).substr(0, head_end), request, error)) {
            sendPlainError(fd, 400, error);
            ::close(fd);
            return;
        }
        request.peer_is_loopback = peer_is_loopback;
        std::size_t body_start = head_end + 4;
        bool expects_continue = headerHasToken(request.header("expect"), "100-continue");
        bool continue_sent = false;
        auto sendContinueOnce = [&] {
            if (expects_continue && !continue_sent) {
                continue_sent = true;
                sendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n");
            }
        };

        std::size_t body_length = 0;
        const std::string* transfer_encoding = request.header("transfer-encoding");
        const std::string* content_length = request.header("content-length");
        if (transfer_encoding != nullptr && toLowerAscii(*transfer_encoding) != "identity") {
            if (!headerHasToken(transfer_encoding, "chunked")) {
                sendPlainError(fd, 501, "unsupported transfer-encoding");
                ::close(fd);
                return;
            }
            while (true) {
                ParseStatus status = decodeChunkedBody(std::string_view(buffer).substr(body_start), request.body, body_length);
                if (status == ParseStatus::Complete) {
                    break;
                }
                if (status == ParseStatus::Invalid || buffer.size() - body_start > kMaxBodyBytes) {
                    sendPlainError(fd, 400, "invalid chunked body");
                    ::close(fd);
                    return;
                }
                sendContinueOnce();
                if (!readMore(fd, buffer)) {
                    ::close(fd);
                    return;
                }
            }
        } else if (content_length != nullptr) {
            const std::string& text = *content_length;
            if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) {
                sendPlainError(fd, 400, "invalid Content-Length");
                ::close(fd);
                return;
            }
            body_length = std::stoull(text);
            if (body_length > kMaxBodyBytes) {
                sendPlainError(fd, 413, "request body too large");
                ::close(fd);
                return;
            }
            if (buffer.size() < body_start + body_length) {
                sendContinueOnce();
            }
            while (buffer.size() < body_start + body_length) {
                if (!readMore(fd, buffer)) {
                    ::close(fd);
                    return;
                }
            }
            request.body = buffer.substr(body_start, body_length);
        }
        buffer.erase(0, body_start + body_length);

        const std::string* connection = request.header("connection");
        bool keep_alive = request.version == "HTTP/1.1" ? !headerHasToken(connection, "close")
                                                        : headerHasToken(connection, "keep-alive");
        HttpResponse response;
        try {
            response = handler_(request);
        } catch (const std::exception& exception) {
            std::fprintf(stderr, "synapse-sim: error: %s %s: handler failed: %s; sent 500\n",
                         request.method.c_str(), request.path.c_str(), exception.what());
            response = HttpResponse{};
            response.status = 500;
            response.body = std::string(R"({"errcode":"M_UNKNOWN","error":"Internal server error"})");
        }
        if (response.drop_connection) {
            ::shutdown(fd, SHUT_RDWR);
            ::close(fd);
            return;
        }
        bool close = !keep_alive;
        if (!sendAll(fd, serializeResponse(response, close)) || close) {
            ::shutdown(fd, SHUT_WR);
            ::close(fd);
            return;
        }
    }
}

}  // namespace synapse_sim
