// Minimal HTTP/1.1 server over POSIX sockets: one thread per keep-alive connection.
#pragma once

#include <functional>
#include <string>

#include "http_message.h"

namespace synapse_sim {

class HttpServer {
public:
    using Handler = std::function<HttpResponse(HttpRequest&)>;

    explicit HttpServer(Handler handler);
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;
    ~HttpServer();

    // Binds and listens on host:port (port 0 picks a free port). Returns false
    // and sets `error` when the address cannot be used.
    bool listen(const std::string& host, int port, std::string& error);

    int port() const { return port_; }
    // Host part for a URL: "127.0.0.1", or "[::1]" for IPv6.
    const std::string& urlHost() const { return url_host_; }

    // Accepts connections until the process ends. Each connection gets its own
    // detached thread.
    void acceptForever();

private:
    void serveConnection(int fd, bool peer_is_loopback);

    Handler handler_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::string url_host_;
};

}  // namespace synapse_sim
